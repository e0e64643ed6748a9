import { DIAGNOSTIC_SOURCE, type EngineDiagnostic } from './diagnostic';
import { analyzeFile, type FileAnalysis } from './file-analysis';
import type { Finding, RuleSettings } from './rules/finding';
import { documentRules } from './rules/index';
import type { DocumentRule } from './rules/rule';
import { knownPropertyPaths } from './schema/known-paths';

/** Options of a workspace; tests replace the rules to look at one at a time. */
export interface WorkspaceOptions {
  documentRules?: readonly DocumentRule[];
}

/**
 * The engine's entry point: the YAML files of one workspace folder, kept current as they
 * change, and the diagnostics of each. It knows nothing of LSP connections, so the
 * language server, the CLI and tests all drive the same code.
 */
export class Workspace {
  private readonly files = new Map<string, FileAnalysis>();
  private readonly rules: readonly DocumentRule[];
  private readonly knownPaths = knownPropertyPaths();

  constructor(options: WorkspaceOptions = {}) {
    this.rules = options.documentRules ?? documentRules;
  }

  /** Sets or replaces the text of a file; unchanged documents keep their analysis. */
  setFile(uri: string, text: string): void {
    const previous = this.files.get(uri);
    if (previous?.text === text) {
      return;
    }
    this.files.set(uri, analyzeFile(text, this.rules, this.knownPaths, previous));
  }

  deleteFile(uri: string): void {
    this.files.delete(uri);
  }

  hasFile(uri: string): boolean {
    return this.files.has(uri);
  }

  /** The analysis of a file, for features such as hover that need the model. */
  file(uri: string): FileAnalysis | undefined {
    return this.files.get(uri);
  }

  /** Messages of rules that failed on a file; each rule failure is isolated. */
  failures(uri: string): string[] {
    return this.files.get(uri)?.documents.flatMap((document) => document.failures) ?? [];
  }

  /** The diagnostics of a file, with the user's severities applied and `off` rules dropped. */
  diagnose(uri: string, settings: RuleSettings = {}): EngineDiagnostic[] {
    const file = this.files.get(uri);
    if (!file) {
      return [];
    }
    const findings = file.documents.flatMap((document) =>
      document.findings.map((finding) => shift(finding, document.offset)),
    );
    return findings.flatMap((finding): EngineDiagnostic[] => {
      const severity = settings[finding.code] ?? finding.severity;
      if (severity === 'off') {
        return [];
      }
      return [
        {
          range: file.lineIndex.rangeOf(finding.span.start, finding.span.end),
          severity,
          code: finding.code,
          message: finding.message,
          source: DIAGNOSTIC_SOURCE,
          ...(finding.data ? { data: finding.data } : {}),
        },
      ];
    });
  }
}

function shift(finding: Finding, offset: number): Finding {
  return {
    ...finding,
    span: { start: finding.span.start + offset, end: finding.span.end + offset },
  };
}
