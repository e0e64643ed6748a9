import type { Severity } from './rules/finding';
import type { Range } from './text/line-index';

/** The `source` of every diagnostic, so users can tell who raised it. */
export const DIAGNOSTIC_SOURCE = 'kestra-tls';

/** A finding placed in a file by line and UTF-16 column, ready for LSP, the CLI or SARIF. */
export interface EngineDiagnostic {
  range: Range;
  severity: Severity;
  code: string;
  message: string;
  source: typeof DIAGNOSTIC_SOURCE;
  data?: Record<string, unknown>;
}
