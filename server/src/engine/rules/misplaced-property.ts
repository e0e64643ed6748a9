import type { ConfigEntry } from '../config/entries';
import type { ConfigTree } from '../model/config';
import type { DocumentKind } from '../model/document';
import type { Finding } from './finding';
import type { DocumentRule, TreeContext } from './rule';

/** Docker compose keys, with `_` read as `-`: inside a Kestra configuration they are ignored. */
const COMPOSE_KEYS = new Set([
  'ports',
  'volumes',
  'environment',
  'env-file',
  'image',
  'command',
  'entrypoint',
  'expose',
  'depends-on',
  'healthcheck',
  'container-name',
]);

/** The mappings where a compose key is reported: the root, `kestra` and `micronaut`. */
const COMPOSE_KEY_PARENTS = ['', 'kestra', 'micronaut'];

/** Kestra's own settings that share a name with a compose key. */
const KESTRA_SETTINGS_NAMED_LIKE_COMPOSE = new Set(['kestra.environment']);

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

/**
 * The most segments a misplaced path has: compose keys sit right below their parents, and
 * moved paths are short. Deeper keys, most of any configuration, need no check at all.
 */
const DEEPEST_MISPLACED = Math.max(
  ...COMPOSE_KEY_PARENTS.map((parent) => (parent === '' ? 1 : parent.split('.').length + 1)),
  ...Object.keys(MOVES).map((path) => path.split('.').length),
);

/** Where a compose setting found in Kestra's configuration should go, by document kind. */
const COMPOSE_KEY_ADVICE: Record<DocumentKind, string> = {
  compose: 'Move it to the compose service.',
  kubernetes: 'Declare it on the container, or on a Service for ports, instead.',
  'helm-values': "Set it through the chart's values (service, extraEnv, extraVolumes) instead.",
  'kestra-config': 'It belongs to the compose service or the Kubernetes manifest that runs Kestra.',
  other: 'It belongs to the compose service or the Kubernetes manifest that runs Kestra.',
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
  checkTree(tree: ConfigTree, context: TreeContext): Finding[] {
    const findings: Finding[] = [];
    for (const entry of context.entries()) {
      const finding = misplacement(context.documentKind, tree, entry);
      if (finding) {
        findings.push(finding);
      }
    }
    return findings;
  },
};

/**
 * The first misplaced path a key writes. A dotted key such as `kestra.datasources.x.url`
 * writes several segments at once, so every path it ends a segment on is checked.
 */
function misplacement(kind: DocumentKind, tree: ConfigTree, entry: ConfigEntry): Finding | null {
  const deepest = Math.min(entry.path.length, DEEPEST_MISPLACED);
  for (let length = entry.path.length - entry.written.length + 1; length <= deepest; length++) {
    const path = entry.path.slice(0, length);
    const finding = composeKey(kind, tree, entry, path) ?? moved(entry, path);
    if (finding) {
      return finding;
    }
  }
  return null;
}

function composeKey(
  kind: DocumentKind,
  tree: ConfigTree,
  entry: ConfigEntry,
  segments: string[],
): Finding | null {
  const path = segments.join('.');
  const name = segments.at(-1) ?? '';
  const last = name.replaceAll('_', '-');
  const parent = segments.slice(0, -1).join('.');
  if (
    !COMPOSE_KEYS.has(last) ||
    !COMPOSE_KEY_PARENTS.includes(parent) ||
    KESTRA_SETTINGS_NAMED_LIKE_COMPOSE.has(path)
  ) {
    return null;
  }
  const published = last === 'ports' ? ', so no port is published' : '';
  return {
    code: 'misplaced-property',
    severity: 'warning',
    message:
      `\`${entry.key}\` is a docker compose setting, but it is inside ${tree.label}, ` +
      `where Kestra ignores it${published}. ${COMPOSE_KEY_ADVICE[kind]}`,
    span: entry.keySpan,
    // Only a compose file has a service to move the key to.
    data: {
      from: path,
      ...(kind === 'compose' ? { to: `service.${name}` } : {}),
      kind: 'compose-key',
    },
  };
}

function moved(entry: ConfigEntry, segments: string[]): Finding | null {
  const path = segments.join('.');
  const target = MOVES[path];
  if (target === undefined) {
    return null;
  }
  return {
    code: 'misplaced-property',
    severity: 'warning',
    message:
      `\`${path}\` is not a Kestra or Micronaut setting, so it is ignored; ` +
      `it belongs at \`${target}\`. Move it there.`,
    span: entry.keySpan,
    data: { from: path, to: target, kind: 'move' },
  };
}
