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
import type { Deployment } from './deployment';
import { effectiveConfig } from './effective-config';
import { whatListens } from './listening';
import type { DeploymentMount } from './mounts';
import { type DocumentRef, placeOf } from './place';

/** The Kestra containers of a Kubernetes workload manifest, one deployment each. */
export function kubernetesDeployments(
  model: DocumentModel,
  at: DocumentRef,
  fsPath: string,
  lookup: ConfigLookup,
): Deployment[] {
  const namespace = model.objects[0]?.namespace;
  return model.workloads
    .filter((workload) => workload.kind === 'kubernetes-workload')
    .flatMap((workload) =>
      workload.containers.map((container) =>
        containerDeployment(workload, container, namespace, at, fsPath, lookup),
      ),
    );
}

function containerDeployment(
  workload: Workload,
  container: KestraContainer,
  namespace: string | undefined,
  at: DocumentRef,
  fsPath: string,
  lookup: ConfigLookup,
): Deployment {
  const mounts: DeploymentMount[] = container.mounts.map((mount) => ({
    mount,
    at,
    hostPath: mount.kind === 'bind' ? mount.source : undefined,
  }));
  const referenced = referencedConfigs(
    configFilePaths(
      container.command?.configFiles.map((file) => file.path) ?? [],
      container.environment,
    ),
    mounts,
    namespace,
    lookup,
  );
  const config = effectiveConfig({
    trees: [...referenced.trees, ...container.configs.map((value) => ({ value, at }))],
    properties: container.properties.map((value) => ({ value, at })),
    // Variables from `envFrom` or `valueFrom` may set properties the workspace cannot see.
    complete:
      referenced.complete &&
      getIn(container.node, 'envFrom') === undefined &&
      !hidesSettings(container.environment),
  });
  const portNames = new Map<string, number | undefined>();
  for (const port of container.ports) {
    if (port.name !== undefined) {
      portNames.set(port.name, port.containerPort);
    }
  }
  const several = workload.containers.length > 1;
  return {
    kind: 'kubernetes-workload',
    name: several ? `${workload.name}/${container.name}` : workload.name,
    namePlace: placeOf(at, several ? container.nameSpan : workload.nameSpan),
    namespace,
    container: {
      image: container.image,
      ports: container.ports.map((port) => ({ port, at })),
      portsKey: undefined,
      mounts,
      probes: container.probes.map((probe) => ({ probe, at })),
      serverCommand: container.command?.serverCommand,
      hostNetwork: false,
      portNames,
    },
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
