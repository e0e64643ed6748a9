import * as path from 'node:path';
import { isMap, isSeq, type YAMLMap } from 'yaml';
import { portNumber } from '../locate/compose';
import { podVolumes, volumeMounts } from '../locate/kubernetes';
import type { DocumentModel } from '../model/document';
import type { Mount } from '../model/workload';
import { getIn, getItems, getMap, nodeSpan, scalarText } from '../yaml/nodes';
import { hidesSettings } from './config-sources';
import type { Deployment } from './deployment';
import { effectiveConfig } from './effective-config';
import { type IngressFacts, readTls, type Written, writtenMap } from './kubernetes-objects';
import { DEFAULT_HTTP_PORT, whatListens } from './listening';
import { type DocumentRef, placeOf } from './place';

/** Values that bring configuration or variables from objects the values file does not show. */
const HIDDEN_SOURCES = [
  ['configurations', 'secrets'],
  ['configurations', 'configmaps'],
  ['common', 'extraEnvFrom'],
  ['secrets'],
  ['externalSecret'],
  ['configurationPath'],
  ['extraSecretEnvFrom'],
  ['extraConfigMapEnvFrom'],
];

/** The Kestra release a Helm values file describes, with the chart's own wiring. */
export function helmDeployment(
  model: DocumentModel,
  at: DocumentRef,
  fsPath: string,
): Deployment | undefined {
  const workload = model.workloads.find((candidate) => candidate.kind === 'helm-release');
  const container = workload?.containers[0];
  if (!workload || !container || !isMap(workload.node)) {
    return undefined;
  }
  const root = workload.node as YAMLMap;
  const config = effectiveConfig({
    trees: container.configs.map((value) => ({ value, at })),
    properties: container.properties.map((value) => ({ value, at })),
    complete:
      !HIDDEN_SOURCES.some((keys) => hasContent(getIn(root, ...keys))) &&
      !hidesSettings(container.environment),
  });
  // FIXME: the chart's templates are not read. The HTTP container port is taken from
  // `service.ports.http.containerPort` as chart 1.x names it, so a chart that wires its ports
  // otherwise gets findings about the wrong port.
  const httpPortNode = getIn(root, 'service', 'ports', 'http', 'containerPort');
  return {
    kind: 'helm-release',
    name: path.basename(fsPath),
    namePlace: placeOf(at, workload.nameSpan),
    namespace: undefined,
    container: {
      // The chart runs Kestra's image unless the values name another one.
      image:
        scalarText(getIn(root, 'image', 'repository') ?? getIn(root, 'image', 'image')) ??
        'kestra/kestra',
      ports: [],
      portsKey: undefined,
      mounts: helmMounts(root).map((mount) => ({
        mount,
        at,
        hostPath: mount.kind === 'bind' ? mount.source : undefined,
      })),
      probes: [],
      serverCommand: undefined,
      hostNetwork: false,
      portNames: new Map(),
    },
    config,
    listening: whatListens(config),
    labels: new Map(),
    services: [],
    helmIngress: helmIngress(root, at),
    helmChart: {
      httpContainerPort: portNumber(scalarText(httpPortNode)) ?? DEFAULT_HTTP_PORT,
      httpContainerPortPlace: httpPortNode ? placeOf(at, nodeSpan(httpPortNode)) : undefined,
    },
    folder: path.dirname(fsPath),
    sources: new Set([at.uri]),
  };
}

/** Extra volumes of chart 1.x (`common`) and chart 0.x (top level). */
function helmMounts(root: YAMLMap): Mount[] {
  const sections = [getMap(root, 'common'), root].filter((section) => section !== undefined);
  return sections.flatMap((section) =>
    volumeMounts(section, podVolumes(section, 'extraVolumes'), 'extraVolumeMounts'),
  );
}

/** The chart's Ingress as the values configure it; the chart points it at its HTTP port. */
function helmIngress(root: YAMLMap, at: DocumentRef): IngressFacts | undefined {
  const ingress = getMap(root, 'ingress');
  if (!ingress || scalarText(getIn(ingress, 'enabled')) !== 'true') {
    return undefined;
  }
  const hosts = getItems(ingress, 'hosts').flatMap((item): Written[] => {
    const host = getIn(item, 'host');
    const value = scalarText(host);
    return value === undefined ? [] : [{ value, span: nodeSpan(host) }];
  });
  const className = getIn(ingress, 'className');
  const classText = scalarText(className);
  const annotations = writtenMap(getIn(ingress, 'annotations'));
  return {
    kind: 'Ingress',
    name: 'ingress',
    namespace: undefined,
    at,
    nameSpan: nodeSpan(getIn(root, 'ingress')),
    className:
      classText !== undefined && classText !== ''
        ? { value: classText, span: nodeSpan(className) }
        : annotations.get('kubernetes.io/ingress.class'),
    annotations,
    tls: readTls(getItems(ingress, 'tls')),
    hosts,
    backends: [],
    fromHelmValues: true,
  };
}

function hasContent(node: unknown): boolean {
  if (isMap(node) || isSeq(node)) {
    return node.items.length > 0;
  }
  const text = scalarText(node);
  return text !== undefined && text.trim() !== '';
}
