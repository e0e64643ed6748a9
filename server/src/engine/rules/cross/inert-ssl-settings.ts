import type { Setting } from '../../deployment/effective-config';
import { eachDeployment, findingAt, type WorkspaceRule } from './workspace-rule';

const CODE = 'inert-ssl-settings';
const SERVER_SSL = 'micronaut.server.ssl';

/** Server SSL settings that take effect only once server SSL is on. */
const INERT = ['trust-store', 'key-store', 'client-authentication', 'port', 'key'];

/**
 * Reports server SSL settings while server SSL is off. People often write a server
 * trust-store hoping Kestra's outbound calls will trust their CA: it does nothing.
 */
export const inertSslSettingsRule: WorkspaceRule = {
  rules: [
    {
      code: CODE,
      defaultSeverity: 'warning',
      summary: 'Server SSL settings (trust-store, key-store, port...) while server SSL is off.',
    },
  ],
  check: eachDeployment((deployment) => {
    if (deployment.listening.ssl !== false) {
      return [];
    }
    const inert = deployment.config.settings.filter((setting) =>
      INERT.some(
        (name) =>
          setting.path === `${SERVER_SSL}.${name}` ||
          setting.path.startsWith(`${SERVER_SSL}.${name}.`),
      ),
    );
    const first = inert[0];
    if (!first) {
      return [];
    }
    // Point at the `ssl` mapping that holds them, when they are written under one.
    const holder = deployment.config.settings.find(
      (setting) =>
        setting.path === SERVER_SSL &&
        setting.value === undefined &&
        setting.keyPlace.uri === first.keyPlace.uri,
    );
    const names = [...new Set(inert.map((setting) => topName(setting)))];
    const trust = names.includes('trust-store');
    return [
      findingAt(
        CODE,
        'warning',
        `Server SSL is off, so ${names.map((name) => `\`${name}\``).join(', ')} under ` +
          `\`${SERVER_SSL}\` ${names.length === 1 ? 'does' : 'do'} nothing. ` +
          (trust
            ? "To trust a CA for Kestra's outbound calls, pass `-Djavax.net.ssl.trustStore` " +
              'in JAVA_OPTS instead; to serve HTTPS, '
            : 'To serve HTTPS, ') +
          'set `micronaut.server.ssl.enabled: true`.',
        (holder ?? first).keyPlace,
        { paths: inert.map((setting) => setting.path) },
      ),
    ];
  }),
};

function topName(setting: Setting): string {
  return setting.path.slice(SERVER_SSL.length + 1).split('.')[0] ?? setting.path;
}
