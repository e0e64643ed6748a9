import { configEntries } from '../config/entries';
import type { DocumentModel } from '../model/document';
import type { Finding } from './finding';
import type { DocumentRule } from './rule';

/** Docker compose keys: inside a Kestra configuration they are ignored. */
const COMPOSE_KEYS = new Set([
  'ports',
  'volumes',
  'environment',
  'image',
  'command',
  'expose',
  'depends-on',
  'healthcheck',
]);

/** Keys that belong at another path, by the path where users put them. */
const MOVES: Record<string, string> = {
  server: 'micronaut.server',
  ssl: 'micronaut.ssl',
  security: 'micronaut.security',
  'kestra.datasources': 'datasources',
  'kestra.micronaut': 'micronaut',
  'kestra.endpoints': 'endpoints',
  'micronaut.datasources': 'datasources',
  'micronaut.endpoints': 'endpoints',
  'micronaut.kestra': 'kestra',
  'kestra.basic-auth': 'kestra.server.basic-auth',
  'kestra.ssl': 'micronaut.server.ssl',
  'micronaut.server.key-store': 'micronaut.server.ssl.key-store',
  'micronaut.server.trust-store': 'micronaut.server.ssl.trust-store',
  'micronaut.server.client-authentication': 'micronaut.server.ssl.client-authentication',
};

/** Reports keys that sit at the wrong place, where Kestra silently ignores them. */
export const misplacedPropertyRule: DocumentRule = {
  rules: [
    {
      code: 'misplaced-property',
      defaultSeverity: 'warning',
      summary: 'A key that belongs elsewhere, such as compose `ports` inside KESTRA_CONFIGURATION.',
    },
  ],
  check(model: DocumentModel): Finding[] {
    return model.configs.flatMap((tree) =>
      configEntries(tree).flatMap((entry): Finding[] => {
        const path = entry.path.join('.');
        const last = entry.path.at(-1) ?? '';
        const parent = entry.path.slice(0, -1).join('.');
        if (COMPOSE_KEYS.has(last) && ['', 'kestra', 'micronaut'].includes(parent)) {
          return [
            {
              code: 'misplaced-property',
              severity: 'warning',
              message:
                `\`${entry.key}\` is a docker compose setting, but it is inside ${tree.label}, ` +
                `where Kestra ignores it${last === 'ports' ? ', so no port is published' : ''}. ` +
                'Move it to the compose service.',
              span: entry.keySpan,
              data: { from: path, to: `service.${last}`, kind: 'compose-key' },
            },
          ];
        }
        const target = MOVES[path];
        if (target === undefined) {
          return [];
        }
        return [
          {
            code: 'misplaced-property',
            severity: 'warning',
            message:
              `\`${path}\` is not a Kestra or Micronaut setting, so it is ignored; ` +
              `it belongs at \`${target}\`. Move it there.`,
            span: entry.keySpan,
            data: { from: path, to: target, kind: 'move' },
          },
        ];
      }),
    );
  },
};
