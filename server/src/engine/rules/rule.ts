import type { ConfigEntry } from '../config/entries';
import type { ConfigTree } from '../model/config';
import type { DocumentKind, DocumentModel } from '../model/document';
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
  /**
   * Findings inside one configuration tree. An embedded tree's findings are cached by its
   * text, so an edit to one service of a long compose file does not re-check the others.
   */
  checkTree?(tree: ConfigTree, context: TreeContext): Finding[];
  /** Findings that need the whole document. */
  check?(model: DocumentModel): Finding[];
}

/** What a tree rule knows besides the tree, shared by every rule that checks the tree. */
export interface TreeContext {
  documentKind: DocumentKind;
  /** Every key of the tree, listed once for all the rules that read them. */
  entries(): readonly ConfigEntry[];
}
