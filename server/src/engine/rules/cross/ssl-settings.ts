import type { Deployment } from '../../deployment/deployment';
import { type Setting, settingFlag, settingText } from '../../deployment/effective-config';
import { describe, eachDeployment, findingAt, type WorkspaceRule } from './workspace-rule';

/** Server commands that serve the UI; the others only answer health checks. */
const UI_COMMANDS = new Set(['standalone', 'webserver', 'local']);

function clientAuthentication(deployment: Deployment): Setting | undefined {
  return deployment.config.first(
    'micronaut.server.ssl.client-authentication',
    'micronaut.ssl.client-authentication',
  );
}

function storePath(
  deployment: Deployment,
  store: 'key-store' | 'trust-store',
): Setting | undefined {
  return deployment.config.first(
    `micronaut.server.ssl.${store}.path`,
    `micronaut.ssl.${store}.path`,
  );
}

/** Reports SSL turned on without a keystore, which stops Kestra at start-up. */
export const keystoreMissingRule: WorkspaceRule = {
  rules: [
    {
      code: 'keystore-missing',
      defaultSeverity: 'error',
      summary: 'SSL is on, but no keystore is given and `build-self-signed` is not set.',
    },
  ],
  check: eachDeployment((deployment) => {
    const { config, listening } = deployment;
    const enabled = listening.sslSetting;
    if (listening.ssl !== true || !enabled || !config.complete) {
      return [];
    }
    const selfSigned = [
      config.get('micronaut.server.ssl.build-self-signed'),
      config.get('micronaut.ssl.build-self-signed'),
    ].some((setting) => settingFlag(setting) !== undefined && settingFlag(setting) !== false);
    if (selfSigned || storePath(deployment, 'key-store')) {
      return [];
    }
    return [
      findingAt(
        'keystore-missing',
        'error',
        `SSL is on in ${describe(deployment)}, but no keystore holds its certificate: Kestra ` +
          'fails at start-up. Set `micronaut.server.ssl.key-store.path` (with its password ' +
          'and type), or `build-self-signed: true` for a test certificate.',
        enabled.keyPlace,
        { enabledPath: enabled.path },
      ),
    ];
  }),
};

/** Reports client authentication without a truststore to check client certificates with. */
export const truststoreMissingRule: WorkspaceRule = {
  rules: [
    {
      code: 'truststore-missing',
      defaultSeverity: 'warning',
      summary: 'Client authentication is `want` or `need`, but no truststore is given.',
    },
  ],
  check: eachDeployment((deployment) => {
    const setting = clientAuthentication(deployment);
    const mode = settingText(setting)?.toLowerCase();
    if (
      !setting ||
      (mode !== 'want' && mode !== 'need') ||
      deployment.listening.ssl !== true ||
      !deployment.config.complete ||
      storePath(deployment, 'trust-store')
    ) {
      return [];
    }
    return [
      findingAt(
        'truststore-missing',
        'warning',
        `Client authentication is \`${mode}\`, but no truststore is given: client ` +
          "certificates are checked against the JVM's public CAs only, so certificates from " +
          'your own CA are rejected. Set `micronaut.server.ssl.trust-store.path` to a ' +
          'truststore holding that CA.',
        setting.valuePlace,
        { mode },
      ),
    ];
  }),
};

/** Reports `client-authentication: need` on the port that serves the UI. */
export const clientAuthNeedRule: WorkspaceRule = {
  rules: [
    {
      code: 'client-auth-need',
      defaultSeverity: 'warning',
      summary: '`client-authentication: need` on the port that serves the UI.',
    },
  ],
  check: eachDeployment((deployment) => {
    const setting = clientAuthentication(deployment);
    const command = deployment.container?.serverCommand;
    if (
      !setting ||
      settingText(setting)?.toLowerCase() !== 'need' ||
      deployment.listening.ssl === false ||
      (command !== undefined && !UI_COMMANDS.has(command))
    ) {
      return [];
    }
    return [
      findingAt(
        'client-auth-need',
        'warning',
        '`client-authentication: need` makes every HTTPS client present a certificate, and ' +
          "the UI is served on that port: browsers without one can't open Kestra at all. " +
          'Use `want`, and require certificates at a proxy for the API only if you must.',
        setting.valuePlace,
        { replacement: 'want' },
      ),
    ];
  }),
};
