import type { Document } from 'yaml';
import type { ConfigTree } from './config';
import type { KubernetesObject } from './kubernetes';
import type { Span } from './span';
import type { Workload } from './workload';

/** What a YAML document is, as far as Kestra is concerned. */
export type DocumentKind = 'compose' | 'kubernetes' | 'helm-values' | 'kestra-config' | 'other';

/**
 * Everything the engine found in one YAML document. Spans are offsets into the document's
 * own text, so the model stays valid when an edit above it moves the document down.
 */
export interface DocumentModel {
  kind: DocumentKind;
  text: string;
  yaml: Document.Parsed;
  /** Every configuration tree of the document, wherever it stands. */
  configs: ConfigTree[];
  workloads: Workload[];
  objects: KubernetesObject[];
  /** Syntax errors of the document itself. */
  syntaxErrors: { message: string; span: Span }[];
}
