/**
 * The names clients reach a Kestra server by, which its certificate must cover: the hosts
 * of the Ingresses that pass TLS through to it, the host of `kestra.url` unless an Ingress
 * serves it, and `localhost` when compose publishes the HTTPS port on the machine itself.
 */
import type { Deployment } from '../../deployment/deployment';
import type { IngressFacts } from '../../deployment/kubernetes-objects';
import { settingValue } from './setting-values';

/** Annotations by which ingress controllers pass TLS through to the backend untouched. */
const PASSTHROUGH = [
  'nginx.ingress.kubernetes.io/ssl-passthrough',
  'haproxy.org/ssl-passthrough',
  'ingress.kubernetes.io/ssl-passthrough',
];

/** The host names and addresses clients use to reach the deployment's HTTPS port. */
export function serverNames(deployment: Deployment): string[] {
  const names = new Set<string>();
  const add = (host: string | undefined) => {
    // A wildcard host stands for names no one listed; it cannot be checked name by name.
    if (host !== undefined && host !== '' && !host.includes('*')) {
      names.add(host.toLowerCase());
    }
  };
  const ingresses = ingressesOf(deployment);
  // Clients see Kestra's certificate through an Ingress only when it passes TLS through;
  // otherwise they see the Ingress's own certificate, or speak plain HTTP to it.
  for (const route of routedHosts(deployment)) {
    if (passesTlsThrough(route.ingress)) {
      add(route.host);
    }
  }
  const urlHost = kestraUrlHost(deployment);
  if (!ingresses.some((ingress) => servesHost(ingress, urlHost))) {
    add(urlHost);
  }
  if (publishedLocally(deployment)) {
    names.add('localhost');
  }
  return [...names];
}

/** The Ingresses that route to the deployment, manifests and Helm values alike. */
function ingressesOf(deployment: Deployment): IngressFacts[] {
  return [...new Set(routedHosts(deployment).map((route) => route.ingress))];
}

/** Each host an Ingress sends to the deployment, with that Ingress. */
function routedHosts(
  deployment: Deployment,
): { ingress: IngressFacts; host: string | undefined }[] {
  const helm = deployment.helmIngress;
  return [
    ...deployment.services.flatMap((service) =>
      service.routes.map((route) => ({ ingress: route.ingress, host: route.backend.host })),
    ),
    ...(helm ? helm.hosts.map((host) => ({ ingress: helm, host: host.value })) : []),
  ];
}

function passesTlsThrough(ingress: IngressFacts): boolean {
  return PASSTHROUGH.some((name) => ingress.annotations.get(name)?.value === 'true');
}

function servesHost(ingress: IngressFacts, host: string | undefined): boolean {
  return (
    host !== undefined &&
    [...ingress.hosts, ...ingress.tls.flatMap((tls) => tls.hosts)].some(
      (written) => written.value.toLowerCase() === host.toLowerCase(),
    )
  );
}

/** The host of `kestra.url`, the address Kestra tells users to open. */
function kestraUrlHost(deployment: Deployment): string | undefined {
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
