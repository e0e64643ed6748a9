import type { DocumentModel } from '../model/document';
import type { Finding, Severity } from './finding';

/** What users read about a rule, in docs, settings and SARIF. */
export interface RuleDescription {
  code: string;
  defaultSeverity: Severity;
  summary: string;
}

/**
 * A rule that needs one YAML document only. Its findings are cached with the document and
 * recomputed only when the document's text changes.
 */
export interface DocumentRule {
  readonly rules: readonly RuleDescription[];
  check(model: DocumentModel): Finding[];
}
