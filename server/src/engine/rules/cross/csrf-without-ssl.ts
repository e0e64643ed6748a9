import type { Deployment } from '../../deployment/deployment';
import { settingFlag, settingText } from '../../deployment/effective-config';
import { eachDeployment, findingAt, type WorkspaceRule } from './workspace-rule';

const CODE = 'csrf-without-ssl';

/**
 * Reports CSRF protection on a Kestra that nothing serves over TLS: Kestra's guide asks
 * for TLS first, since the protection relies on cookies that browsers keep to HTTPS.
 */
export const csrfWithoutSslRule: WorkspaceRule = {
  rules: [
    {
      code: CODE,
      defaultSeverity: 'warning',
      summary: 'CSRF protection enabled while neither Kestra nor an Ingress in front serves TLS.',
    },
  ],
  check: eachDeployment((deployment) => {
    const csrf = deployment.config.get('micronaut.security.csrf.enabled');
    if (
      !csrf ||
      settingFlag(csrf) !== true ||
      deployment.listening.ssl !== false ||
      tlsInFront(deployment)
    ) {
      return [];
    }
    return [
      findingAt(
        CODE,
        'warning',
        'CSRF protection is on, but Kestra is served over plain HTTP: Kestra requires TLS ' +
          'for it, and browsers may drop its cookies. Turn SSL on with ' +
          '`micronaut.server.ssl.enabled: true`, or terminate TLS at a proxy in front.',
        csrf.valuePlace,
      ),
    ];
  }),
};

/** True when TLS is terminated in front of Kestra: an Ingress with `tls`, or an https URL. */
export function tlsInFront(deployment: Deployment): boolean {
  // FIXME: a compose reverse proxy that terminates TLS (Traefik labels, a Caddy or NGINX
  // service) is seen only through an https `kestra.url`; without it, CSRF is reported.
  const ingresses = [
    ...deployment.services.flatMap((service) => service.routes.map((route) => route.ingress)),
    ...(deployment.helmIngress ? [deployment.helmIngress] : []),
  ];
  if (ingresses.some((ingress) => ingress.tls.length > 0)) {
    return true;
  }
  return settingText(deployment.config.get('kestra.url'))?.startsWith('https:') === true;
}
