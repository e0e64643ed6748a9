import type { Deployment, SelectingService, WorkspaceIndex } from './deployment';
import {
  type IngressBackend,
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
  const lookup = lookups.get(services, [ingresses], () => makeLookup(services, ingresses));
  for (const deployment of index.deployments) {
    if (deployment.kind === 'kubernetes-workload') {
      const { labels, namespace } = deployment;
      deployment.services = linksByLabels.get(labels, [namespace, services, ingresses], () =>
        sameLinks(
          labels,
          selectingServices(lookup, labels, namespace).map((service) =>
            selectingService(service, lookup.backends.get(service.name) ?? []),
          ),
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
 * The Services and Ingress backends of a build, found by what links them, so that linking
 * grows with the number of workloads rather than with workloads times Services times
 * Ingresses.
 */
interface Lookup {
  /** Services by the first pair of their selector, with their place in the index. */
  bySelectorPair: Map<string, { place: number; service: ServiceFacts }[]>;
  /** The Ingress backends naming each Service, in the order of the index. */
  backends: Map<string, Route[]>;
}

interface Route {
  ingress: IngressFacts;
  backend: IngressBackend;
}

const lookups = new IdentityMemo<Lookup>(2);

function makeLookup(services: readonly ServiceFacts[], ingresses: readonly IngressFacts[]): Lookup {
  const bySelectorPair: Lookup['bySelectorPair'] = new Map();
  services.forEach((service, place) => {
    // A Service without a selector selects no pod; one that selects a pod has its first
    // pair among the pod's labels.
    const first = service.selector.entries().next().value;
    if (first) {
      const key = selectorPair(...first);
      const bucket = bySelectorPair.get(key) ?? [];
      bucket.push({ place, service });
      bySelectorPair.set(key, bucket);
    }
  });
  const backends: Lookup['backends'] = new Map();
  for (const ingress of ingresses) {
    for (const backend of ingress.backends) {
      const routes = backends.get(backend.service) ?? [];
      routes.push({ ingress, backend });
      backends.set(backend.service, routes);
    }
  }
  return { bySelectorPair, backends };
}

function selectorPair(key: string, value: string): string {
  return `${key}\0${value}`;
}

/** The Services whose selector picks pods with these labels, in the order of the index. */
function selectingServices(
  lookup: Lookup,
  labels: ReadonlyMap<string, string>,
  namespace: string | undefined,
): ServiceFacts[] {
  const found: { place: number; service: ServiceFacts }[] = [];
  for (const [key, value] of labels) {
    for (const candidate of lookup.bySelectorPair.get(selectorPair(key, value)) ?? []) {
      const { service } = candidate;
      if (sameNamespace(service.namespace, namespace) && selects(service, labels)) {
        found.push(candidate);
      }
    }
  }
  return found.sort((a, b) => a.place - b.place).map(({ service }) => service);
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

/** A Service with the Ingress backends that route to it, given those naming it. */
function selectingService(service: ServiceFacts, naming: readonly Route[]): SelectingService {
  const routes: SelectingService['routes'] = [];
  for (const { ingress, backend } of naming) {
    if (!sameNamespace(ingress.namespace, service.namespace)) {
      continue;
    }
    const port = service.ports.find((candidate) =>
      typeof backend.port === 'number'
        ? candidate.port === backend.port
        : candidate.name === backend.port,
    );
    routes.push({ ingress, backend, port });
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
