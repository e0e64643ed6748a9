import * as vscode from 'vscode';

/** How long a test waits for the language server to publish before it gives up. */
const PUBLISH_TIMEOUT_MS = 15_000;

/**
 * Records every set of diagnostics VS Code reports for one document, from now on, so a test
 * can wait for a sequence of publications (cleared, then published again) without missing
 * one that arrives while it is busy elsewhere.
 */
export class DiagnosticsHistory implements vscode.Disposable {
  private readonly snapshots: vscode.Diagnostic[][] = [];
  private cursor = 0;
  private wake: (() => void) | undefined;
  private readonly listener: vscode.Disposable;

  /**
   * Starts recording; with `includeCurrent`, the diagnostics the document has now count as the
   * first publication, for a document whose URI is only known once it is open.
   */
  constructor(
    readonly uri: vscode.Uri,
    options: { includeCurrent?: boolean } = {},
  ) {
    if (options.includeCurrent) {
      this.snapshots.push(vscode.languages.getDiagnostics(uri));
    }
    this.listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) {
        this.snapshots.push(vscode.languages.getDiagnostics(uri));
        this.wake?.();
      }
    });
  }

  /**
   * Resolves with the first set of diagnostics, reported after the last one this method
   * returned, that `accept` accepts; rejects after a timeout, saying what was awaited and
   * what was seen.
   */
  async next(
    what: string,
    accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  ): Promise<vscode.Diagnostic[]> {
    const deadline = Date.now() + PUBLISH_TIMEOUT_MS;
    for (;;) {
      while (this.cursor < this.snapshots.length) {
        const snapshot = this.snapshots[this.cursor]!;
        this.cursor += 1;
        if (accept(snapshot)) {
          return snapshot;
        }
      }
      const published = await this.nextPublication(deadline - Date.now());
      if (!published) {
        const seen = this.snapshots.map(summarize).join(' | ') || 'no publication';
        throw new Error(`Waited ${PUBLISH_TIMEOUT_MS} ms for ${what}; seen: ${seen}`);
      }
    }
  }

  dispose(): void {
    this.listener.dispose();
    this.wake?.();
  }

  private nextPublication(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(false), Math.max(timeoutMs, 0));
      const finish = (published: boolean): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(published);
      };
      this.wake = () => finish(true);
    });
  }
}

/** The diagnostics that carry a rule code, for assertions and failure messages. */
export function withCode(diagnostics: vscode.Diagnostic[], code: string): vscode.Diagnostic[] {
  return diagnostics.filter((diagnostic) => codeOf(diagnostic) === code);
}

function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  const { code } = diagnostic;
  return typeof code === 'object' ? code.value : code;
}

function summarize(diagnostics: vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) {
    return '[]';
  }
  return diagnostics
    .map((d) => `${d.source}/${String(codeOf(d))}@${d.range.start.line}:${d.range.start.character}`)
    .join(', ');
}
