import * as path from 'node:path';
import { runsKestra } from '../locate/compose';
import type { ConfigTree, Property } from '../model/config';
import type { EnvironmentVariable } from '../model/workload';
import type { ComposeFile, ComposeProject, ComposeServicePart } from './compose-project';
import { projectServices } from './compose-project';
import {
  type ConfigLookup,
  configFilePaths,
  hidesSettings,
  referencedConfigs,
} from './config-sources';
import type { ContainerFacts, Deployment, DeploymentPort, DeploymentProbe } from './deployment';
import { effectiveConfig } from './effective-config';
import { whatListens } from './listening';
import { IdentityMemo } from './memo';
import { bindHostPath, type DeploymentMount } from './mounts';
import { placeOf, type Sourced } from './place';

interface View {
  part: ComposeServicePart;
  file: ComposeFile;
}

/**
 * The Kestra services of a compose project, each merged across the base file and its
 * overrides as compose merges them: `ports` and `expose` add up, `volumes` replace by
 * container path, `environment` by name, and `command`, `image` and `healthcheck` replace.
 */
export function composeDeployments(project: ComposeProject, lookup: ConfigLookup): Deployment[] {
  const deployments: Deployment[] = [];
  const sources = project.files.map((file) => file.at.uri);
  for (const [name, refs] of projectServices(project)) {
    // A service that one file alone describes is Kestra's only if the locators said so.
    if (refs.length === 1 && !refs[0]?.service.kestra) {
      continue;
    }
    const views = refs.map(({ service, file }) => ({ part: service.read(), file }));
    const merged = mergedService(name, views, project.folder);
    if (merged) {
      deployments.push(composeDeployment(merged, project.folder, sources, lookup));
    }
  }
  return deployments;
}

/**
 * Merged services by the parts they merge and where those stand. The parts of untouched
 * services are the very objects of the last build, so their merge is too, and the caches
 * keyed by their container hold across edits.
 */
const mergedByParts = new IdentityMemo<ContainerFacts | undefined>(2);

function mergedService(name: string, views: View[], folder: string): ContainerFacts | undefined {
  const inputs: unknown[] = [name, folder];
  for (const view of views) {
    inputs.push(view.part, view.file.at.uri, view.file.at.offset);
  }
  return mergedByParts.get((views[0] as View).part, inputs, () =>
    mergeService(name, views, folder),
  );
}

function mergeService(name: string, views: View[], folder: string): ContainerFacts | undefined {
  const first = views[0] as View;
  const image = lastView(views, (view) => view.part.image !== undefined)?.part.image;
  const commandView = lastView(views, (view) => view.part.commandLine !== undefined);
  const environment = mergeEnvironment(views);
  const serverCommand = commandView?.part.commandLine?.command.serverCommand;
  const hasConfiguration = environment.trees.length > 0;
  if (!runsKestra(image, hasConfiguration, serverCommand)) {
    return undefined;
  }
  const commandProperties: Sourced<Property>[] = (
    commandView?.part.commandLine?.properties ?? []
  ).map((value) => ({ value, at: commandView!.file.at }));
  const ports: DeploymentPort[] = views.flatMap((view) =>
    view.part.ports.map((port) => ({ port, at: view.file.at })),
  );
  const probeView = lastView(views, (view) => view.part.hasHealthCheck);
  const probes: DeploymentProbe[] = (probeView?.part.probes ?? []).map((probe) => ({
    probe,
    at: probeView!.file.at,
  }));
  const portsView = views.find((view) => view.part.portsKeySpan !== undefined);
  return {
    name,
    namePlace: placeOf(first.file.at, first.part.nameSpan),
    container: {
      image,
      ports,
      portsKey: portsView ? placeOf(portsView.file.at, portsView.part.portsKeySpan!) : undefined,
      mounts: mergeMounts(views, folder),
      probes,
      serverCommand,
      hostNetwork: views.some((view) => view.part.hostNetwork),
      portNames: new Map(),
    },
    trees: environment.trees,
    properties: [...environment.properties, ...commandProperties],
    configFiles: configFilePaths(
      commandView?.part.commandLine?.command.configFiles.map((file) => file.path) ?? [],
      environment.variables,
    ),
    complete: !views.some((view) => view.part.hasEnvFile) && !hidesSettings(environment.variables),
  };
}

/** The deployment of a merged service, with the configuration files it reads. */
function composeDeployment(
  service: ContainerFacts,
  folder: string,
  projectSources: readonly string[],
  lookup: ConfigLookup,
): Deployment {
  const referenced = referencedConfigs(
    service.configFiles,
    service.container.mounts,
    undefined,
    lookup,
  );
  const config = effectiveConfig({
    trees: [...referenced.trees, ...service.trees],
    properties: service.properties,
    complete: referenced.complete && service.complete,
  });
  return {
    kind: 'compose-service',
    name: service.name,
    namePlace: service.namePlace,
    namespace: undefined,
    container: service.container,
    config,
    listening: whatListens(config),
    labels: new Map(),
    services: [],
    helmIngress: undefined,
    helmChart: undefined,
    folder,
    sources: new Set([...projectSources, ...referenced.sources]),
  };
}

/** Environment variables by name, the last file that sets one winning. */
function mergeEnvironment(views: View[]): {
  variables: EnvironmentVariable[];
  trees: Sourced<ConfigTree>[];
  properties: Sourced<Property>[];
} {
  const winner = new Map<string, View>();
  for (const view of views) {
    for (const variable of view.part.environment.environment) {
      winner.set(variable.name, view);
    }
  }
  const variables: EnvironmentVariable[] = [];
  const trees: Sourced<ConfigTree>[] = [];
  const properties: Sourced<Property>[] = [];
  for (const view of views) {
    const { environment, configs, properties: own } = view.part.environment;
    const won = environment.filter((variable) => winner.get(variable.name) === view);
    variables.push(...won);
    const wins = (start: number) =>
      won.some(
        (variable) => contains(variable.valueSpan, start) || contains(variable.nameSpan, start),
      );
    trees.push(
      ...configs
        .filter((tree) => wins(tree.span.start))
        .map((value) => ({ value, at: view.file.at })),
    );
    properties.push(
      ...own
        .filter((property) => wins(property.keySpan.start))
        .map((value) => ({ value, at: view.file.at })),
    );
  }
  return { variables, trees, properties };
}

/** The last view that matches: a later file replaces what an earlier one set. */
function lastView(views: View[], matches: (view: View) => boolean): View | undefined {
  for (let i = views.length - 1; i >= 0; i--) {
    const view = views[i] as View;
    if (matches(view)) {
      return view;
    }
  }
  return undefined;
}

function contains(span: { start: number; end: number } | null, offset: number): boolean {
  return span !== null && span.start <= offset && offset <= span.end;
}

/** Volumes by container path, a later file replacing an earlier one's mount of the same path. */
function mergeMounts(views: View[], folder: string): DeploymentMount[] {
  const byTarget = new Map<string, DeploymentMount>();
  for (const view of views) {
    for (const mount of view.part.mounts) {
      byTarget.set(path.posix.normalize(mount.target), {
        mount,
        at: view.file.at,
        hostPath: mount.kind === 'bind' ? bindHostPath(mount.source, folder) : undefined,
      });
    }
  }
  return [...byTarget.values()];
}
