import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { ConfigTree } from '../model/config';
import type { KubernetesObject } from '../model/kubernetes';
import type {
  KestraContainer,
  Mount,
  PortDeclaration,
  ProbedPort,
  Workload,
} from '../model/workload';
import { OffsetMap } from '../text/offset-map';
import {
  findPair,
  getIn,
  getItems,
  getMap,
  keyText,
  nodeSpan,
  scalarText,
  textIn,
} from '../yaml/nodes';
import { readCommandLine } from './command-line';
import { portNumber, runsKestra } from './compose';
import type { LocateContext } from './context';
import { parseEmbeddedConfig } from './embedded-config';
import { readEnvironment } from './environment';

/** A Kubernetes manifest has `apiVersion` and `kind` at its top level. */
export function isKubernetesDocument(root: unknown): boolean {
  return (
    isMap(root) && textIn(root, 'kind') !== undefined && textIn(root, 'apiVersion') !== undefined
  );
}

export function readKubernetesObject(root: YAMLMap): KubernetesObject {
  const namePair = findPair(getIn(root, 'metadata'), 'name');
  return {
    apiVersion: textIn(root, 'apiVersion'),
    kind: textIn(root, 'kind') ?? '',
    name: scalarText(namePair?.value),
    namespace: textIn(root, 'metadata', 'namespace'),
    nameSpan: nodeSpan(namePair?.value ?? getIn(root, 'kind')),
    node: root,
  };
}

/** Where each workload kind keeps its pod template's spec. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The workload of a manifest when its pod runs Kestra. */
export function readKubernetesWorkload(
  object: KubernetesObject,
  context: LocateContext,
): Workload | undefined {
  const specPath = POD_SPEC_PATHS[object.kind];
  const podSpec = specPath ? getMap(object.node, ...specPath) : undefined;
  if (!podSpec) {
    return undefined;
  }
  const labelsPath =
    object.kind === 'Pod' ? ['metadata'] : specPath!.slice(0, -1).concat('metadata');
  const volumes = podVolumes(podSpec);
  const containers = getItems(podSpec, 'containers').flatMap((item) =>
    isMap(item) ? readContainer(item, volumes, context) : [],
  );
  if (containers.length === 0) {
    return undefined;
  }
  return {
    kind: 'kubernetes-workload',
    name: object.name ?? object.kind,
    nameSpan: object.nameSpan,
    labels: stringMap(getIn(object.node, ...labelsPath, 'labels')),
    containers,
    node: object.node,
  };
}

function readContainer(
  container: YAMLMap,
  volumes: Map<string, Omit<Mount, 'target' | 'subPath' | 'span'>>,
  context: LocateContext,
): KestraContainer[] {
  const environment = readEnvironment(getIn(container, 'env'), context.text, context.knownPaths);
  const commandLine = readCommandLine(
    [getIn(container, 'command'), getIn(container, 'args')],
    context.text,
  );
  const image = textIn(container, 'image');
  if (!runsKestra(image, environment.configs.length > 0, commandLine?.command.serverCommand)) {
    return [];
  }
  const namePair = findPair(container, 'name');
  return [
    {
      name: scalarText(namePair?.value) ?? 'container',
      nameSpan: nodeSpan(namePair?.value ?? container),
      image,
      environment: environment.environment,
      configs: environment.configs,
      properties: [...environment.properties, ...(commandLine?.properties ?? [])],
      command: commandLine?.command,
      ports: containerPorts(container),
      mounts: volumeMounts(container, volumes),
      probes: probes(container),
      node: container,
    },
  ];
}

function containerPorts(container: YAMLMap): PortDeclaration[] {
  return getItems(container, 'ports').flatMap((item): PortDeclaration[] =>
    isMap(item)
      ? [
          {
            kind: 'container',
            containerPort: portNumber(textIn(item, 'containerPort')),
            hostPort: portNumber(textIn(item, 'hostPort')),
            name: textIn(item, 'name'),
            span: nodeSpan(item),
          },
        ]
      : [],
  );
}

/**
 * The volumes of a pod spec by name. Helm values keep them under another key, such as
 * `extraVolumes`, so the key is a parameter.
 */
export function podVolumes(
  podSpec: YAMLMap,
  key = 'volumes',
): Map<string, Omit<Mount, 'target' | 'subPath' | 'span'>> {
  const volumes = new Map<string, Omit<Mount, 'target' | 'subPath' | 'span'>>();
  for (const item of getItems(podSpec, key)) {
    const name = textIn(item, 'name');
    if (name === undefined) {
      continue;
    }
    if (getMap(item, 'secret')) {
      volumes.set(name, {
        kind: 'secret',
        source: textIn(item, 'secret', 'secretName'),
        items: projectedItems(getIn(item, 'secret', 'items')),
      });
    } else if (getMap(item, 'configMap')) {
      volumes.set(name, {
        kind: 'configmap',
        source: textIn(item, 'configMap', 'name'),
        items: projectedItems(getIn(item, 'configMap', 'items')),
      });
    } else if (getMap(item, 'hostPath')) {
      volumes.set(name, {
        kind: 'bind',
        source: textIn(item, 'hostPath', 'path'),
        items: undefined,
      });
    } else {
      volumes.set(name, { kind: 'volume', source: name, items: undefined });
    }
  }
  return volumes;
}

function projectedItems(node: unknown): Map<string, string> | undefined {
  const items = getItems(node);
  if (items.length === 0) {
    return undefined;
  }
  const projected = new Map<string, string>();
  for (const item of items) {
    const key = textIn(item, 'key');
    const path = textIn(item, 'path');
    if (key !== undefined) {
      projected.set(key, path ?? key);
    }
  }
  return projected;
}

/** A container's volume mounts, resolved against the pod's volumes; the key as for `podVolumes`. */
export function volumeMounts(
  container: YAMLMap,
  volumes: Map<string, Omit<Mount, 'target' | 'subPath' | 'span'>>,
  key = 'volumeMounts',
): Mount[] {
  return getItems(container, key).flatMap((item): Mount[] => {
    const target = textIn(item, 'mountPath');
    if (target === undefined) {
      return [];
    }
    const volume = volumes.get(textIn(item, 'name') ?? '');
    return [
      {
        kind: volume?.kind ?? 'other',
        source: volume?.source,
        items: volume?.items,
        target,
        subPath: textIn(item, 'subPath'),
        span: nodeSpan(item),
      },
    ];
  });
}

function probes(container: YAMLMap): ProbedPort[] {
  return ['livenessProbe', 'readinessProbe', 'startupProbe'].flatMap((probe) => {
    const port = getIn(container, probe, 'httpGet', 'port');
    const value = scalarText(port);
    if (value === undefined) {
      return [];
    }
    return [
      {
        port: portNumber(value) ?? value,
        scheme: textIn(container, probe, 'httpGet', 'scheme'),
        span: nodeSpan(port),
      },
    ];
  });
}

function stringMap(node: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = keyText(pair);
      const value = scalarText(pair.value);
      if (key !== undefined && value !== undefined) {
        map.set(key, value);
      }
    }
  }
  return map;
}

/**
 * Configuration files held by a ConfigMap's `data` or a Secret's `stringData`.
 * FIXME: a Secret's base64 `data` is not decoded, so configuration kept there goes unchecked.
 */
export function readConfigFileEntries(object: KubernetesObject, text: string): ConfigTree[] {
  const field =
    object.kind === 'ConfigMap' ? 'data' : object.kind === 'Secret' ? 'stringData' : undefined;
  const data = field ? getIn(object.node, field) : undefined;
  if (!isMap(data)) {
    return [];
  }
  return data.items.flatMap((pair): ConfigTree[] => {
    const key = keyText(pair);
    const value = pair.value;
    if (
      key === undefined ||
      !/\.ya?ml$/.test(key) ||
      !isScalar(value) ||
      typeof value.value !== 'string'
    ) {
      return [];
    }
    const tree = parseEmbeddedConfig(
      value.value,
      OffsetMap.forScalar(text, value),
      object.kind === 'ConfigMap' ? 'configmap-file' : 'secret-file',
      `${object.name ?? object.kind}/${key}`,
      nodeSpan(value),
    );
    return looksLikeKestraConfig(tree.root) ? [tree] : [];
  });
}

/**
 * A configuration whose top level holds one of Kestra's or Micronaut's own sections as a
 * mapping. Other tools use these names too, as lists: a Grafana provisioning file has a
 * top-level `datasources:` list, which is not Kestra's.
 */
export function looksLikeKestraConfig(root: unknown): boolean {
  return (
    isMap(root) &&
    root.items.some(
      (pair) =>
        ['micronaut', 'kestra', 'datasources', 'endpoints'].includes(keyText(pair) ?? '') &&
        isMap(pair.value),
    )
  );
}
