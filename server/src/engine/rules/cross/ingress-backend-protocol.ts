import type { Deployment } from '../../deployment/deployment';
import type { IngressFacts, ServicePort } from '../../deployment/kubernetes-objects';
import { listeningAt } from '../../deployment/listening';
import { placeOf } from '../../deployment/place';
import type { Finding } from '../finding';
import { resolveTarget } from './port-targets';
import { findingAt } from './workspace-rule';

const CODE = 'ingress-tls';
const NGINX_BACKEND_PROTOCOL = 'nginx.ingress.kubernetes.io/backend-protocol';
const TRAEFIK_SERVERS_SCHEME = 'traefik.ingress.kubernetes.io/service.serversscheme';

/**
 * Compares the protocol an Ingress speaks to Kestra with what the backend port serves:
 * HTTPS to a plain-HTTP port fails the handshake, and plain HTTP to the SSL port gets
 * "400 The plain HTTP request was sent to HTTPS port" or nothing at all.
 */
export function backendProtocolFindings(deployment: Deployment): Finding[] {
  const { listening } = deployment;
  if (!listening.certain) {
    return [];
  }
  const findings: Finding[] = [];
  for (const { service, routes } of deployment.services) {
    for (const route of routes) {
      if (!route.port) {
        continue;
      }
      const target = resolveTarget(deployment, route.port.targetPort);
      const served = typeof target === 'number' ? listeningAt(listening, target) : undefined;
      if (!served) {
        continue;
      }
      const protocol = route.ingress.annotations.get(NGINX_BACKEND_PROTOCOL);
      const https = protocol?.value.toUpperCase() === 'HTTPS';
      if (https && served.scheme === 'http') {
        findings.push(httpsToPlain(route.ingress, protocol!.span, served.port));
      } else if (
        !https &&
        served.scheme === 'https' &&
        !declaresHttps(route.ingress, route.port, service.annotations)
      ) {
        findings.push(
          findingAt(
            CODE,
            'warning',
            `This backend reaches port ${served.port}, where Kestra serves HTTPS, but the ` +
              'Ingress speaks plain HTTP to it: requests fail with "400 The plain HTTP request ' +
              `was sent to HTTPS port". Add the annotation \`${NGINX_BACKEND_PROTOCOL}: HTTPS\` ` +
              "(or your controller's equivalent).",
            placeOf(route.ingress.at, route.backend.span),
            { annotation: NGINX_BACKEND_PROTOCOL, value: 'HTTPS', problem: 'plain-to-https' },
          ),
        );
      }
    }
  }
  const helmIngress = deployment.helmIngress;
  const chart = deployment.helmChart;
  if (helmIngress && chart) {
    const protocol = helmIngress.annotations.get(NGINX_BACKEND_PROTOCOL);
    const served = listeningAt(listening, chart.httpContainerPort);
    if (protocol?.value.toUpperCase() === 'HTTPS' && served?.scheme === 'http') {
      findings.push(httpsToPlain(helmIngress, protocol.span, served.port));
    }
  }
  return findings;
}

function httpsToPlain(
  ingress: IngressFacts,
  span: { start: number; end: number },
  port: number,
): Finding {
  return findingAt(
    CODE,
    'warning',
    `The Ingress speaks HTTPS to its backend, but the backend reaches port ${port}, where ` +
      'Kestra serves plain HTTP: the TLS handshake fails and users get 502. Remove the ' +
      'annotation, or turn SSL on in Kestra and point the backend at the SSL port.',
    placeOf(ingress.at, span),
    { annotation: NGINX_BACKEND_PROTOCOL, value: 'HTTP', problem: 'https-to-plain' },
  );
}

/**
 * Whether another controller than NGINX may know that the backend speaks HTTPS: Traefik,
 * for one, reads it from the Service's annotation, a port named `https` or port 443. NGINX
 * reads only its annotation.
 */
function declaresHttps(
  ingress: IngressFacts,
  port: ServicePort,
  annotations: ReadonlyMap<string, { value: string }>,
): boolean {
  const nginx =
    /nginx/i.test(ingress.className?.value ?? '') ||
    [...ingress.annotations.keys()].some((key) => key.startsWith('nginx.ingress.kubernetes.io/'));
  if (nginx) {
    return false;
  }
  return (
    annotations.get(TRAEFIK_SERVERS_SCHEME)?.value.toLowerCase() === 'https' ||
    port.port === 443 ||
    /^https/i.test(port.name ?? '')
  );
}
