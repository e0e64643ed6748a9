import type { Node, YAMLMap } from 'yaml';
import type { ConfigTree, Property } from './config';
import type { Span } from './span';

/** An environment variable as written in compose `environment` or a container's `env`. */
export interface EnvironmentVariable {
  name: string;
  /** The value, or null when it comes from elsewhere (`valueFrom`, a bare compose name). */
  value: string | null;
  nameSpan: Span;
  valueSpan: Span | null;
}

/** The Kestra command line: `server standalone --port 8081 -c /app/application.yml`. */
export interface CommandLine {
  words: string[];
  /** The server command, such as `standalone` or `webserver`, when the command starts one. */
  serverCommand: string | undefined;
  /** Files named by `-c` or `--config`. */
  configFiles: { path: string; span: Span }[];
  span: Span;
}

/** A port a container declares, publishes or exposes. */
export interface PortDeclaration {
  /** `published` for compose ports, `expose` for compose expose, `container` for Kubernetes. */
  kind: 'published' | 'expose' | 'container';
  /** The port inside the container, when it is a number. */
  containerPort: number | undefined;
  /** The port on the host, for published compose ports. */
  hostPort: number | undefined;
  /** The port's name, for Kubernetes container ports. */
  name: string | undefined;
  span: Span;
}

/** Something mounted into a container. */
export interface Mount {
  kind: 'bind' | 'volume' | 'secret' | 'configmap' | 'other';
  /** The path inside the container. */
  target: string;
  /** The host path of a bind mount, the volume, Secret or ConfigMap name otherwise. */
  source: string | undefined;
  subPath: string | undefined;
  /** Keys projected by a Secret or ConfigMap volume's `items`, key to path. */
  items: Map<string, string> | undefined;
  span: Span;
}

/** A port a health check or probe calls. */
export interface ProbedPort {
  port: number | string;
  scheme: string | undefined;
  span: Span;
}

/** One container of Kestra (a compose service is a single container). */
export interface KestraContainer {
  name: string;
  nameSpan: Span;
  image: string | undefined;
  environment: EnvironmentVariable[];
  /** KESTRA_CONFIGURATION and other configuration trees this container reads. */
  configs: ConfigTree[];
  /** `MICRONAUT_*` variables, `-D` options and command-line flags. */
  properties: Property[];
  command: CommandLine | undefined;
  ports: PortDeclaration[];
  mounts: Mount[];
  probes: ProbedPort[];
  /** The YAML node of the container or compose service, for rules that need more. */
  node: YAMLMap;
}

/** A unit that runs Kestra: a compose service, a Kubernetes workload or a Helm release. */
export interface Workload {
  kind: 'compose-service' | 'kubernetes-workload' | 'helm-release';
  name: string;
  nameSpan: Span;
  /** Pod template labels, which Services select by. */
  labels: Map<string, string>;
  containers: KestraContainer[];
  node: Node;
}
