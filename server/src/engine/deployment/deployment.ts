import type { ConfigTree, Property } from '../model/config';
import type { PortDeclaration, ProbedPort } from '../model/workload';
import type { EffectiveConfig } from './effective-config';
import type {
  CertificateFacts,
  IngressBackend,
  IngressFacts,
  IssuerFacts,
  KeyedObjectFacts,
  ServiceFacts,
  ServicePort,
} from './kubernetes-objects';
import type { Listening } from './listening';
import type { DeploymentMount } from './mounts';
import type { DocumentRef, Place, Sourced } from './place';

/** What runs Kestra: a compose service, a Kubernetes container, a Helm release, or a file. */
export type DeploymentKind =
  | 'compose-service'
  | 'kubernetes-workload'
  | 'helm-release'
  | 'config-file';

export interface DeploymentPort {
  port: PortDeclaration;
  at: DocumentRef;
}

export interface DeploymentProbe {
  probe: ProbedPort;
  at: DocumentRef;
}

/** The container of a deployment: what it publishes, mounts and probes. */
export interface DeploymentContainer {
  image: string | undefined;
  ports: DeploymentPort[];
  /** The compose `ports` key, where a quick fix adds a published port. */
  portsKey: Place | undefined;
  mounts: DeploymentMount[];
  probes: DeploymentProbe[];
  serverCommand: string | undefined;
  /** Compose `network_mode: host`: every listening port is reachable as is. */
  hostNetwork: boolean;
  /** Names of Kubernetes container ports, which Services and probes may target by name. */
  portNames: Map<string, number | undefined>;
}

/** The Helm chart's own wiring, which the values file does not show. */
export interface HelmChartFacts {
  /** The container port the chart's Service, probes and Ingress send HTTP traffic to. */
  httpContainerPort: number;
  /** Where the values set that port, when they do. */
  httpContainerPortPlace: Place | undefined;
}

/** A Service that selects a deployment's pods, with the Ingresses that route to it. */
export interface SelectingService {
  service: ServiceFacts;
  routes: { ingress: IngressFacts; backend: IngressBackend; port: ServicePort | undefined }[];
}

/** One Kestra deployment, with everything the workspace knows about it. */
export interface Deployment {
  kind: DeploymentKind;
  /** The compose service, workload and container, or file name, for messages. */
  name: string;
  namePlace: Place;
  namespace: string | undefined;
  /** Undefined for a configuration file that no deployment of the workspace reads. */
  container: DeploymentContainer | undefined;
  config: EffectiveConfig;
  listening: Listening;
  /** Pod labels, which Services select by. */
  labels: Map<string, string>;
  services: SelectingService[];
  /** Ingress settings of Helm values, whose backend is the chart's HTTP port. */
  helmIngress: IngressFacts | undefined;
  helmChart: HelmChartFacts | undefined;
  /** The folder of the file that declares it: compose bind mounts are relative to it. */
  folder: string;
  /** Every file whose content the deployment's findings depend on. */
  sources: Set<string>;
}

/** The deployments of a workspace and the Kubernetes objects around them. */
export interface WorkspaceIndex {
  deployments: Deployment[];
  services: ServiceFacts[];
  ingresses: IngressFacts[];
  secrets: KeyedObjectFacts[];
  configMaps: KeyedObjectFacts[];
  issuers: IssuerFacts[];
  certificates: CertificateFacts[];
  /** For each file, the files whose findings may change when it changes. */
  dependents: Map<string, Set<string>>;
  /** The workspace folders, as file system paths; files outside them are never read. */
  folders: readonly string[];
}

/**
 * A Kestra container as a deployment sees it, before the configuration files it mounts are
 * looked up: a Kubernetes container, or a compose service merged across its files.
 */
export interface ContainerFacts {
  name: string;
  namePlace: Place;
  container: DeploymentContainer;
  /** KESTRA_CONFIGURATION and other configuration trees, with where they stand. */
  trees: Sourced<ConfigTree>[];
  /** Properties of variables, JVM options and the command line. */
  properties: Sourced<Property>[];
  /** The container paths of the configuration files it reads. */
  configFiles: string[];
  /** False when settings may come from where the workspace cannot see. */
  complete: boolean;
}
