import { eachDeployment, findingAt, type WorkspaceRule } from './workspace-rule';

const CODE = 'dead-port-setting';

/**
 * Reports `micronaut.server.port` while SSL is on without `dual-protocol`: the server then
 * listens on the SSL port only, so the setting does nothing but mislead.
 */
export const deadPortSettingRule: WorkspaceRule = {
  rules: [
    {
      code: CODE,
      defaultSeverity: 'warning',
      summary: '`micronaut.server.port` set while SSL is on without `dual-protocol`.',
    },
  ],
  check: eachDeployment((deployment) => {
    const { listening, config } = deployment;
    if (listening.ssl !== true || listening.dualProtocol !== false) {
      return [];
    }
    const sslPort = typeof listening.sslPort === 'number' ? listening.sslPort : undefined;
    return config
      .all('micronaut.server.port')
      .map((setting) =>
        findingAt(
          CODE,
          'warning',
          `\`${setting.key}\` does nothing: with SSL on and no ` +
            '`micronaut.server.dual-protocol: true`, Kestra listens only on the SSL port' +
            `${sslPort === undefined ? '' : ` ${sslPort}`}. Remove it, set ` +
            '`micronaut.server.ssl.port` to move the HTTPS port, or turn `dual-protocol` on ' +
            'to serve HTTP as well.',
          setting.keyPlace,
          { path: 'micronaut.server.port', sslPort },
        ),
      );
  }),
};
