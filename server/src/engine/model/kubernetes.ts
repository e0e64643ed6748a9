import type { YAMLMap } from 'yaml';
import type { Span } from './span';

/**
 * A Kubernetes object of any kind (Service, Ingress, Secret, ConfigMap, cert-manager Issuer
 * or Certificate): its identity and its node, read by the cross-checks as they need.
 */
export interface KubernetesObject {
  apiVersion: string | undefined;
  kind: string;
  name: string | undefined;
  namespace: string | undefined;
  nameSpan: Span;
  node: YAMLMap;
}
