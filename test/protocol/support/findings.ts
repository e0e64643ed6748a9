import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

/** The rule codes of published diagnostics, in order. */
export function codes(diagnostics: Diagnostic[]): unknown[] {
  return diagnostics.map((diagnostic) => diagnostic.code);
}

/** Accepts a publish that reports `code`. */
export function reports(code: string): (params: PublishDiagnosticsParams) => boolean {
  return (params) => codes(params.diagnostics).includes(code);
}

/** Accepts a publish that does not report `code`. */
export function lacks(code: string): (params: PublishDiagnosticsParams) => boolean {
  return (params) => !codes(params.diagnostics).includes(code);
}
