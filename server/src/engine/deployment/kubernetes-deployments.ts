import * as path from 'node:path';
import type { DocumentModel } from '../model/document';
import type { KestraContainer, Workload } from '../model/workload';
import { getIn } from '../yaml/nodes';
import {
  type ConfigLookup,
  configFilePaths,
  hidesSettings,
  referencedConfigs,
} from './config-sources';
import type { ContainerFacts, Deployment } from './deployment';
import { effectiveConfig } from './effective-config';
import { whatListens } from './listening';
import { IdentityMemo } from './memo';
import { type DocumentRef, placeOf } from './place';

/** The Kestra containers of a Kubernetes workload manifest, one deployment each. */
export function kubernetesDeployments(
  model: DocumentModel,
  at: DocumentRef,
  fsPath: string,
  lookup: ConfigLookup,
): Deployment[] {
  const namespace = model.objects[0]?.namespace;
  const deployments: Deployment[] = [];
  for (const workload of model.workloads) {
    if (workload.kind !== 'kubernetes-workload') {
      continue;
    }
    for (const container of workload.containers) {
      const read = containersRead.get(container, [workload, namespace, at.uri, at.offset], () =>
        readContainer(workload, container, at),
      );
      deployments.push(containerDeployment(read, workload, namespace, at, fsPath, lookup));
    }
  }
  return deployments;
}

/**
 * Containers already read, by the container, its workload and where its document stands:
 * an edit in one document of a manifest keeps the models of the others, and so this.
 */
const containersRead = new IdentityMemo<ContainerFacts>(2);

function readContainer(
  workload: Workload,
  container: KestraContainer,
  at: DocumentRef,
): ContainerFacts {
  const portNames = new Map<string, number | undefined>();
  for (const port of container.ports) {
    if (port.name !== undefined) {
      portNames.set(port.name, port.containerPort);
    }
  }
  const several = workload.containers.length > 1;
  return {
    name: several ? `${workload.name}/${container.name}` : workload.name,
    namePlace: placeOf(at, several ? container.nameSpan : workload.nameSpan),
    container: {
      image: container.image,
      ports: container.ports.map((port) => ({ port, at })),
      portsKey: undefined,
      mounts: container.mounts.map((mount) => ({
        mount,
        at,
        hostPath: mount.kind === 'bind' ? mount.source : undefined,
      })),
      probes: container.probes.map((probe) => ({ probe, at })),
      serverCommand: container.command?.serverCommand,
      hostNetwork: false,
      portNames,
    },
    trees: container.configs.map((value) => ({ value, at })),
    properties: container.properties.map((value) => ({ value, at })),
    configFiles: configFilePaths(
      container.command?.configFiles.map((file) => file.path) ?? [],
      container.environment,
    ),
    complete:
      getIn(container.node, 'envFrom') === undefined && !hidesSettings(container.environment),
  };
}

function containerDeployment(
  read: ContainerFacts,
  workload: Workload,
  namespace: string | undefined,
  at: DocumentRef,
  fsPath: string,
  lookup: ConfigLookup,
): Deployment {
  const referenced = referencedConfigs(read.configFiles, read.container.mounts, namespace, lookup);
  const config = effectiveConfig({
    trees: [...referenced.trees, ...read.trees],
    properties: read.properties,
    complete: referenced.complete && read.complete,
  });
  return {
    kind: 'kubernetes-workload',
    name: read.name,
    namePlace: read.namePlace,
    namespace,
    container: read.container,
    config,
    listening: whatListens(config),
    labels: workload.labels,
    services: [],
    helmIngress: undefined,
    helmChart: undefined,
    folder: path.dirname(fsPath),
    sources: new Set([at.uri, ...referenced.sources]),
  };
}
