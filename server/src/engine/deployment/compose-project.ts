import * as path from 'node:path';
import { isMap, type YAMLMap } from 'yaml';
import { readCommandLine } from '../locate/command-line';
import { composeMounts, exposedPorts, healthCheckPorts, publishedPorts } from '../locate/compose';
import { type ContainerEnvironment, readEnvironment } from '../locate/environment';
import type { DocumentModel } from '../model/document';
import type { Span } from '../model/span';
import type { KestraContainer, Mount, PortDeclaration, ProbedPort } from '../model/workload';
import { findPair, getIn, getMap, keyText, nodeSpan, textIn } from '../yaml/nodes';
import { IdentityMemo } from './memo';
import type { DocumentRef } from './place';

/** One compose file's view of a service; overrides add more views of the same service. */
export interface ComposeServicePart {
  name: string;
  nameSpan: Span;
  image: string | undefined;
  hasBuild: boolean;
  environment: ContainerEnvironment;
  commandLine: ReturnType<typeof readCommandLine>;
  /** The span of the `ports` key, where a quick fix adds a port. */
  portsKeySpan: Span | undefined;
  ports: PortDeclaration[];
  mounts: Mount[];
  probes: ProbedPort[];
  hasHealthCheck: boolean;
  /** Variables from an `env_file` may set properties the workspace cannot see. */
  hasEnvFile: boolean;
  /** `network_mode: host` publishes every port the container listens on. */
  hostNetwork: boolean;
}

/**
 * A service of a compose file. Reading a service in full costs as much as the locators'
 * work, so it is read only when it matters: Kestra's services come from the document
 * model, others only when an override names them too.
 */
export interface ComposeServiceRef {
  name: string;
  image: string | undefined;
  hasBuild: boolean;
  /** True when the locators found Kestra in this file's view of the service. */
  kestra: boolean;
  read(): ComposeServicePart;
}

/** A compose file of the workspace. */
export interface ComposeFile {
  at: DocumentRef;
  fsPath: string;
  model: DocumentModel;
  services: ComposeServiceRef[];
}

/** A compose project: a base file and the overrides merged into it, service by service. */
export interface ComposeProject {
  folder: string;
  /** The base file first, then its overrides in the order compose applies them. */
  files: ComposeFile[];
}

const refsByModel = new WeakMap<DocumentModel, ComposeServiceRef[]>();

/**
 * Services the locators read, by their container and YAML node: an edit in one service of
 * a compose file keeps the containers of the others, and so their parts and deployments.
 */
const partsByContainer = new IdentityMemo<ComposeServicePart>(1);

/** The services of a compose document, Kestra's or not. */
export function composeServices(
  model: DocumentModel,
  knownPaths: ReadonlySet<string>,
): ComposeServiceRef[] {
  const cached = refsByModel.get(model);
  if (cached) {
    return cached;
  }
  const workloads = new Map(model.workloads.map((workload) => [workload.name, workload]));
  const services = getMap(model.yaml.contents, 'services');
  const refs = (services?.items ?? []).flatMap((pair): ComposeServiceRef[] => {
    const name = keyText(pair);
    const service = pair.value;
    if (name === undefined || !isMap(service)) {
      return [];
    }
    const container = workloads.get(name)?.containers[0];
    let part: ComposeServicePart | undefined;
    return [
      {
        name,
        image: textIn(service, 'image'),
        hasBuild: getIn(service, 'build') !== undefined,
        kestra: container !== undefined,
        read() {
          part ??= container
            ? partsByContainer.get(container, [service], () => partOfContainer(container, service))
            : readPart(name, nodeSpan(pair.key), service, model.text, knownPaths);
          return part;
        },
      },
    ];
  });
  refsByModel.set(model, refs);
  return refs;
}

/** A service the locators already read, with the few facts they do not keep. */
function partOfContainer(container: KestraContainer, service: YAMLMap): ComposeServicePart {
  const commandProperties = container.properties.filter(
    (property) => property.origin === 'command-line',
  );
  return {
    ...serviceFacts(service),
    name: container.name,
    nameSpan: container.nameSpan,
    environment: {
      environment: container.environment,
      configs: container.configs,
      properties: container.properties.filter((property) => property.origin !== 'command-line'),
    },
    commandLine: container.command
      ? { command: container.command, properties: commandProperties }
      : undefined,
    ports: container.ports,
    mounts: container.mounts,
    probes: container.probes,
  };
}

function readPart(
  name: string,
  nameSpan: Span,
  service: YAMLMap,
  text: string,
  knownPaths: ReadonlySet<string>,
): ComposeServicePart {
  return {
    ...serviceFacts(service),
    name,
    nameSpan,
    environment: readEnvironment(getIn(service, 'environment'), text, knownPaths),
    commandLine: readCommandLine([getIn(service, 'command')], text),
    ports: [...publishedPorts(service), ...exposedPorts(service)],
    mounts: composeMounts(service),
    probes: healthCheckPorts(service),
  };
}

function serviceFacts(service: YAMLMap) {
  const portsPair = findPair(service, 'ports');
  return {
    image: textIn(service, 'image'),
    hasBuild: getIn(service, 'build') !== undefined,
    portsKeySpan: portsPair ? nodeSpan(portsPair.key) : undefined,
    hasHealthCheck: getIn(service, 'healthcheck') !== undefined,
    hasEnvFile: getIn(service, 'env_file') !== undefined,
    hostNetwork: textIn(service, 'network_mode') === 'host',
  };
}

const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const AUTOMATIC_OVERRIDE = /^(docker-)?compose\.override\.ya?ml$/;
const NAMED_OVERRIDE = /^(docker-)?compose\..+\.ya?ml$/;

/**
 * Groups compose files into projects. In each folder, `compose.yaml` or
 * `docker-compose.yml` is the base; `docker-compose.override.yml` always merges into it, as
 * compose does by itself; `compose.<name>.yaml` merges when it only adds to services of the
 * base, and stands alone when it is a complete file of its own.
 */
export function composeProjects(files: readonly ComposeFile[]): ComposeProject[] {
  const byFolder = new Map<string, ComposeFile[]>();
  for (const file of files) {
    const folder = path.dirname(file.fsPath);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  const projects: ComposeProject[] = [];
  for (const [folder, folderFiles] of byFolder) {
    const base = BASE_NAMES.map((name) =>
      folderFiles.find((file) => path.basename(file.fsPath) === name),
    ).find((file) => file !== undefined);
    const merged = new Set<ComposeFile>();
    if (base) {
      const overrides = folderFiles
        .filter((file) => file !== base && mergesInto(file, base))
        .sort((a, b) => overrideOrder(a) - overrideOrder(b) || a.fsPath.localeCompare(b.fsPath));
      projects.push({ folder, files: [base, ...overrides] });
      merged.add(base);
      for (const override of overrides) {
        merged.add(override);
      }
    }
    for (const file of folderFiles) {
      if (!merged.has(file)) {
        projects.push({ folder, files: [file] });
      }
    }
  }
  return projects;
}

function mergesInto(file: ComposeFile, base: ComposeFile): boolean {
  const name = path.basename(file.fsPath);
  if (AUTOMATIC_OVERRIDE.test(name)) {
    return true;
  }
  if (!NAMED_OVERRIDE.test(name) || BASE_NAMES.includes(name)) {
    return false;
  }
  // A named file that only completes services of the base is an override of it.
  const baseServices = new Set(base.services.map((service) => service.name));
  return file.services.some(
    (service) => baseServices.has(service.name) && service.image === undefined && !service.hasBuild,
  );
}

function overrideOrder(file: ComposeFile): number {
  return AUTOMATIC_OVERRIDE.test(path.basename(file.fsPath)) ? 0 : 1;
}

/** The views of each service of a project, base file first. */
export function projectServices(
  project: ComposeProject,
): Map<string, { service: ComposeServiceRef; file: ComposeFile }[]> {
  const services = new Map<string, { service: ComposeServiceRef; file: ComposeFile }[]>();
  for (const file of project.files) {
    for (const service of file.services) {
      services.set(service.name, [...(services.get(service.name) ?? []), { service, file }]);
    }
  }
  return services;
}
