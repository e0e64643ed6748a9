/**
 * The names clients reach a Kestra server by, which its certificate must cover: the hosts
 * of the Ingresses in front of it, the host of `kestra.url`, and `localhost` when compose
 * publishes the HTTPS port on the machine itself.
 */
import type { Deployment } from '../../deployment/deployment';
import type { IngressFacts } from '../../deployment/kubernetes-objects';
import { settingValue } from './setting-values';

const PASSTHROUGH = 'nginx.ingress.kubernetes.io/ssl-passthrough';

/** The host names and addresses clients use to reach the deployment's HTTPS port. */
export function serverNames(deployment: Deployment): string[] {
  const names = new Set<string>();
  const ingresses = ingressesOf(deployment);
  const add = (host: string | undefined) => {
    // A wildcard host stands for names no one listed; it cannot be checked name by name.
    if (host !== undefined && host !== '' && !host.includes('*') && !terminated(ingresses, host)) {
      names.add(host.toLowerCase());
    }
  };
  for (const service of deployment.services) {
    for (const route of service.routes) {
      add(route.backend.host);
    }
  }
  for (const host of deployment.helmIngress?.hosts ?? []) {
    add(host.value);
  }
  add(urlHost(deployment));
  if (publishedLocally(deployment)) {
    names.add('localhost');
  }
  return [...names];
}

function ingressesOf(deployment: Deployment): IngressFacts[] {
  return [
    ...deployment.services.flatMap((service) => service.routes.map((route) => route.ingress)),
    ...(deployment.helmIngress ? [deployment.helmIngress] : []),
  ];
}

/**
 * True when an Ingress in front serves TLS for the host with a certificate of its own:
 * clients then see that certificate, not Kestra's. With SSL passthrough they see Kestra's.
 */
function terminated(ingresses: readonly IngressFacts[], host: string): boolean {
  return ingresses.some(
    (ingress) =>
      ingress.annotations.get(PASSTHROUGH)?.value !== 'true' &&
      ingress.tls.some((tls) => tls.hosts.some((written) => written.value === host)),
  );
}

/** The host of `kestra.url`, the address Kestra tells users to open. */
function urlHost(deployment: Deployment): string | undefined {
  const url = settingValue(deployment, deployment.config.get('kestra.url'));
  if (url.kind !== 'known') {
    return undefined;
  }
  try {
    const hostname = new URL(url.value).hostname;
    return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  } catch {
    return undefined;
  }
}

/** True when compose makes the HTTPS port reachable on the machine that runs it. */
function publishedLocally(deployment: Deployment): boolean {
  const container = deployment.container;
  if (deployment.kind !== 'compose-service' || !container) {
    return false;
  }
  if (container.hostNetwork) {
    return true;
  }
  const sslPort = deployment.listening.sslPort;
  return container.ports.some(
    ({ port }) =>
      port.kind === 'published' && sslPort !== 'unknown' && port.containerPort === sslPort,
  );
}
