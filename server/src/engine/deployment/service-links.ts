import type { Deployment, SelectingService, WorkspaceIndex } from './deployment';
import {
  type IngressFacts,
  type IssuerFacts,
  type ServiceFacts,
  sameNamespace,
  selects,
} from './kubernetes-objects';
import { IdentityMemo, sameList } from './memo';

/** The annotations through which cert-manager issues an Ingress's certificate. */
export const CLUSTER_ISSUER_ANNOTATION = 'cert-manager.io/cluster-issuer';
export const ISSUER_ANNOTATION = 'cert-manager.io/issuer';

/**
 * Links each Kubernetes deployment to the Services that select its pods and the Ingresses
 * that route to those Services, and records the files these links read: a Service edited
 * in another file changes the findings of the workload.
 */
export function linkServices(index: WorkspaceIndex): void {
  // Services and Ingresses of untouched documents are the objects of the last build.
  const services = sameList(index.services);
  const ingresses = sameList(index.ingresses);
  for (const deployment of index.deployments) {
    if (deployment.kind === 'kubernetes-workload') {
      const { labels, namespace } = deployment;
      deployment.services = linksByLabels.get(labels, [namespace, services, ingresses], () =>
        sameLinks(
          labels,
          services
            .filter(
              (service) => sameNamespace(service.namespace, namespace) && selects(service, labels),
            )
            .map((service) => selectingService(service, ingresses)),
        ),
      );
      for (const { service, routes } of deployment.services) {
        deployment.sources.add(service.at.uri);
        for (const route of routes) {
          deployment.sources.add(route.ingress.at.uri);
          addIssuer(deployment, route.ingress, index.issuers);
        }
      }
    }
    if (deployment.helmIngress) {
      addIssuer(deployment, deployment.helmIngress, index.issuers);
    }
    addMountedObjects(deployment, index);
  }
}

/**
 * The Services that select a workload's pods, by its labels: a build links every workload
 * again, and the answer stays while the Services and Ingresses of the workspace do.
 */
const linksByLabels = new IdentityMemo<SelectingService[]>(2);

/** The links last made for each set of labels. */
const lastLinks = new WeakMap<ReadonlyMap<string, string>, SelectingService[]>();

/**
 * The links of the last build when they join the very same Services, Ingresses and ports:
 * an edit to another workload's Service then leaves this workload as it was.
 */
function sameLinks(
  labels: ReadonlyMap<string, string>,
  links: SelectingService[],
): SelectingService[] {
  const last = lastLinks.get(labels);
  if (last && last.length === links.length && last.every((link, i) => sameLink(link, links[i]))) {
    return last;
  }
  lastLinks.set(labels, links);
  return links;
}

function sameLink(a: SelectingService, b: SelectingService | undefined): boolean {
  return (
    a.service === b?.service &&
    a.routes.length === b.routes.length &&
    a.routes.every((route, i) => {
      const other = b.routes[i];
      return (
        route.ingress === other?.ingress &&
        route.backend === other.backend &&
        route.port === other.port
      );
    })
  );
}

function selectingService(
  service: ServiceFacts,
  ingresses: readonly IngressFacts[],
): SelectingService {
  const routes: SelectingService['routes'] = [];
  for (const ingress of ingresses) {
    if (!sameNamespace(ingress.namespace, service.namespace)) {
      continue;
    }
    for (const backend of ingress.backends) {
      if (backend.service !== service.name) {
        continue;
      }
      const port = service.ports.find((candidate) =>
        typeof backend.port === 'number'
          ? candidate.port === backend.port
          : candidate.name === backend.port,
      );
      routes.push({ ingress, backend, port });
    }
  }
  return { service, routes };
}

/** The issuer an Ingress's cert-manager annotation names, if the workspace has it. */
export function issuerOf(
  ingress: IngressFacts,
  issuers: readonly IssuerFacts[],
): { name: string; kind: 'ClusterIssuer' | 'Issuer'; issuer: IssuerFacts | undefined } | undefined {
  const cluster = ingress.annotations.get(CLUSTER_ISSUER_ANNOTATION);
  const namespaced = ingress.annotations.get(ISSUER_ANNOTATION);
  const name = (cluster ?? namespaced)?.value;
  if (name === undefined) {
    return undefined;
  }
  const kind = cluster ? 'ClusterIssuer' : 'Issuer';
  const issuer = issuers.find(
    (candidate) =>
      candidate.kind === kind &&
      candidate.name === name &&
      (kind === 'ClusterIssuer' || sameNamespace(candidate.namespace, ingress.namespace)),
  );
  return { name, kind, issuer };
}

function addIssuer(
  deployment: Deployment,
  ingress: IngressFacts,
  issuers: readonly IssuerFacts[],
): void {
  const issuer = issuerOf(ingress, issuers)?.issuer;
  if (issuer) {
    deployment.sources.add(issuer.at.uri);
  }
}

/** Secrets and ConfigMaps the container mounts, and the Certificates that fill them. */
function addMountedObjects(deployment: Deployment, index: WorkspaceIndex): void {
  for (const { mount } of deployment.container?.mounts ?? []) {
    if (mount.kind !== 'secret' && mount.kind !== 'configmap') {
      continue;
    }
    const objects = mount.kind === 'secret' ? index.secrets : index.configMaps;
    for (const object of objects) {
      if (object.name === mount.source && sameNamespace(object.namespace, deployment.namespace)) {
        deployment.sources.add(object.at.uri);
      }
    }
    for (const certificate of mount.kind === 'secret' ? index.certificates : []) {
      if (
        certificate.secretName === mount.source &&
        sameNamespace(certificate.namespace, deployment.namespace)
      ) {
        deployment.sources.add(certificate.at.uri);
      }
    }
  }
}
