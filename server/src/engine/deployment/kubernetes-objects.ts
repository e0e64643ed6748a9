import { isMap, type YAMLMap } from 'yaml';
import { portNumber } from '../locate/compose';
import type { KubernetesObject } from '../model/kubernetes';
import type { Span } from '../model/span';
import { getIn, getItems, getMap, keyText, nodeSpan, scalarText, textIn } from '../yaml/nodes';
import type { DocumentRef } from './place';

/** A scalar with the span it was written at, relative to its document. */
export interface Written<T = string> {
  value: T;
  span: Span;
}

/** What identifies every Kubernetes object the cross-checks read. */
export interface ObjectFacts {
  kind: string;
  name: string;
  namespace: string | undefined;
  at: DocumentRef;
  nameSpan: Span;
}

/** A port of a Service: `port` is what clients call, `targetPort` what the pod listens on. */
export interface ServicePort {
  name: string | undefined;
  port: number | undefined;
  /** A number, a container port name, or the `port` itself when it is not written. */
  targetPort: number | string | undefined;
  span: Span;
  targetSpan: Span;
}

export interface ServiceFacts extends ObjectFacts {
  selector: Map<string, string>;
  ports: ServicePort[];
  annotations: Map<string, Written>;
}

/** The Service and port an Ingress path sends traffic to. */
export interface IngressBackend {
  service: string;
  port: number | string | undefined;
  span: Span;
  /** The host of the rule, or undefined for the default backend and host-less rules. */
  host: string | undefined;
}

export interface IngressTls {
  hosts: Written[];
  secretName: Written | undefined;
  span: Span;
}

export interface IngressFacts extends ObjectFacts {
  /** `spec.ingressClassName` or the older `kubernetes.io/ingress.class` annotation. */
  className: Written | undefined;
  annotations: Map<string, Written>;
  tls: IngressTls[];
  /** The hosts of the rules, in order. */
  hosts: Written[];
  backends: IngressBackend[];
  /** Ingress settings of Helm values rather than a manifest: the chart writes the backends. */
  fromHelmValues: boolean;
}

/** A Secret or ConfigMap, with the keys it holds. */
export interface KeyedObjectFacts extends ObjectFacts {
  keys: Set<string>;
}

/** A cert-manager Issuer or ClusterIssuer. */
export interface IssuerFacts extends ObjectFacts {
  /** The Ingress classes of its HTTP-01 solvers; undefined for a solver that names none. */
  http01Classes: (string | undefined)[];
}

/** A cert-manager Certificate: the Secret it fills, and the keys it writes there. */
export interface CertificateFacts extends ObjectFacts {
  secretName: string | undefined;
  keys: Set<string>;
}

function identity(object: KubernetesObject, at: DocumentRef): ObjectFacts | undefined {
  if (object.name === undefined) {
    return undefined;
  }
  return {
    kind: object.kind,
    name: object.name,
    namespace: object.namespace,
    at,
    nameSpan: object.nameSpan,
  };
}

export function readService(object: KubernetesObject, at: DocumentRef): ServiceFacts | undefined {
  const base = identity(object, at);
  if (!base) {
    return undefined;
  }
  const ports = getItems(object.node, 'spec', 'ports').flatMap((item): ServicePort[] => {
    if (!isMap(item)) {
      return [];
    }
    const port = portNumber(textIn(item, 'port'));
    const target = getIn(item, 'targetPort');
    const targetText = scalarText(target);
    return [
      {
        name: textIn(item, 'name'),
        port,
        targetPort: targetText === undefined ? port : (portNumber(targetText) ?? targetText),
        span: nodeSpan(item),
        targetSpan: nodeSpan(target ?? item),
      },
    ];
  });
  return {
    ...base,
    selector: stringMap(getIn(object.node, 'spec', 'selector')),
    ports,
    annotations: writtenMap(getIn(object.node, 'metadata', 'annotations')),
  };
}

export function readIngress(object: KubernetesObject, at: DocumentRef): IngressFacts | undefined {
  const base = identity(object, at);
  if (!base) {
    return undefined;
  }
  const spec = getMap(object.node, 'spec');
  const annotations = writtenMap(getIn(object.node, 'metadata', 'annotations'));
  const hosts: Written[] = [];
  const backends: IngressBackend[] = [];
  const defaultBackend = readBackend(getIn(spec, 'defaultBackend'), undefined);
  if (defaultBackend) {
    backends.push(defaultBackend);
  }
  for (const rule of getItems(spec, 'rules')) {
    const host = written(getIn(rule, 'host'));
    if (host) {
      hosts.push(host);
    }
    for (const item of getItems(rule, 'http', 'paths')) {
      const backend = readBackend(getIn(item, 'backend'), host?.value);
      if (backend) {
        backends.push(backend);
      }
    }
  }
  return {
    ...base,
    className:
      written(getIn(spec, 'ingressClassName')) ?? annotations.get('kubernetes.io/ingress.class'),
    annotations,
    tls: readTls(getItems(spec, 'tls')),
    hosts,
    backends,
    fromHelmValues: false,
  };
}

function readBackend(node: unknown, host: string | undefined): IngressBackend | undefined {
  const service = textIn(node, 'service', 'name') ?? textIn(node, 'serviceName');
  if (service === undefined) {
    return undefined;
  }
  const portNode =
    getIn(node, 'service', 'port', 'number') ??
    getIn(node, 'service', 'port', 'name') ??
    getIn(node, 'servicePort');
  const portText = scalarText(portNode);
  return {
    service,
    port: portText === undefined ? undefined : (portNumber(portText) ?? portText),
    span: nodeSpan(portNode ?? node),
    host,
  };
}

/** Reads an Ingress `tls` list, as a manifest or Helm values write it. */
export function readTls(items: unknown[]): IngressTls[] {
  return items.flatMap((item): IngressTls[] =>
    isMap(item)
      ? [
          {
            hosts: getItems(item, 'hosts').flatMap((host) => {
              const value = written(host);
              return value ? [value] : [];
            }),
            secretName: written(getIn(item, 'secretName')),
            span: nodeSpan(item),
          },
        ]
      : [],
  );
}

export function readKeyedObject(
  object: KubernetesObject,
  at: DocumentRef,
): KeyedObjectFacts | undefined {
  const base = identity(object, at);
  if (!base) {
    return undefined;
  }
  const fields = object.kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData'];
  const keys = new Set<string>();
  for (const field of fields) {
    for (const pair of getMap(object.node, field)?.items ?? []) {
      const key = keyText(pair);
      if (key !== undefined) {
        keys.add(key);
      }
    }
  }
  return { ...base, keys };
}

export function readIssuer(object: KubernetesObject, at: DocumentRef): IssuerFacts | undefined {
  const base = identity(object, at);
  if (!base) {
    return undefined;
  }
  const http01Classes = getItems(object.node, 'spec', 'acme', 'solvers').flatMap((solver) => {
    const ingress = getIn(solver, 'http01', 'ingress');
    if (!isMap(ingress)) {
      return [];
    }
    return [textIn(ingress, 'ingressClassName') ?? textIn(ingress, 'class')];
  });
  return { ...base, http01Classes };
}

export function readCertificate(
  object: KubernetesObject,
  at: DocumentRef,
): CertificateFacts | undefined {
  const base = identity(object, at);
  if (!base) {
    return undefined;
  }
  // cert-manager always writes the PEM files, and keystores only when asked to.
  const keys = new Set(['tls.crt', 'tls.key', 'ca.crt']);
  if (isMap(getIn(object.node, 'spec', 'keystores', 'pkcs12'))) {
    keys.add('keystore.p12').add('truststore.p12');
  }
  if (isMap(getIn(object.node, 'spec', 'keystores', 'jks'))) {
    keys.add('keystore.jks').add('truststore.jks');
  }
  return { ...base, secretName: textIn(object.node, 'spec', 'secretName'), keys };
}

/** True when two namespaces may be the same: a manifest without one goes where it is applied. */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** True when a Service's selector picks pods with these labels. */
export function selects(service: ServiceFacts, labels: ReadonlyMap<string, string>): boolean {
  if (service.selector.size === 0) {
    return false;
  }
  for (const [key, value] of service.selector) {
    if (labels.get(key) !== value) {
      return false;
    }
  }
  return true;
}

function written(node: unknown): Written | undefined {
  const value = scalarText(node);
  return value === undefined ? undefined : { value, span: nodeSpan(node) };
}

/** The scalar values of a mapping, with where each value stands. */
export function writtenMap(node: unknown): Map<string, Written> {
  const map = new Map<string, Written>();
  for (const pair of isMap(node) ? (node as YAMLMap).items : []) {
    const key = keyText(pair);
    const value = written(pair.value);
    if (key !== undefined && value !== undefined) {
      map.set(key, value);
    }
  }
  return map;
}

function stringMap(node: unknown): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, value] of writtenMap(node)) {
    map.set(key, value.value);
  }
  return map;
}
