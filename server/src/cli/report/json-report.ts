import type { Range, Severity } from '../../engine';
import type { CheckResult } from './check-result';

/** The JSON report, version 1: a stable shape for scripts. */
export interface JsonReport {
  version: 1;
  diagnostics: JsonDiagnostic[];
}

/** A diagnostic in the JSON report; `range` is LSP's, 0-based with UTF-16 columns. */
export interface JsonDiagnostic {
  file: string;
  range: Range;
  severity: Severity;
  code: string;
  message: string;
  source: string;
}

/** Writes the JSON report as one indented document. */
export function formatJson(result: CheckResult): string {
  const report: JsonReport = {
    version: 1,
    diagnostics: result.diagnostics.map(({ file, diagnostic }) => ({
      file: file.displayPath,
      range: {
        start: { line: diagnostic.range.start.line, character: diagnostic.range.start.character },
        end: { line: diagnostic.range.end.line, character: diagnostic.range.end.character },
      },
      severity: diagnostic.severity,
      code: diagnostic.code,
      message: diagnostic.message,
      source: diagnostic.source,
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
