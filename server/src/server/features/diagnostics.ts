import {
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EngineDiagnostic, RuleSettings, Severity, Workspace } from '../../engine/index';
import { describeError, type Logger } from '../logger';
import type { SettingsStore } from '../settings-store';

/**
 * How long a document must stay unchanged before it is checked. Keystrokes closer together
 * than this are checked once, and the wait counts in the edit-to-diagnostics time users
 * feel, so it stays short.
 */
export const CHECK_DELAY_MS = 30;

/**
 * Files longer than this, in UTF-16 code units, are not checked. A 10,000-line manifest is a
 * quarter of it; checking a 5 MB file blocks the server for seconds, during which the editor
 * gets no answer at all.
 * FIXME: a Kestra file above this size gets no diagnostics, only a line in the log.
 */
export const MAX_CHECKED_LENGTH = 1024 * 1024;

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Turns an engine diagnostic into the LSP shape; `data` passes through for quick fixes. */
export function toLspDiagnostic(diagnostic: EngineDiagnostic): Diagnostic {
  return {
    range: diagnostic.range,
    severity: SEVERITIES[diagnostic.severity],
    code: diagnostic.code,
    source: diagnostic.source,
    message: diagnostic.message,
    ...(diagnostic.data ? { data: diagnostic.data } : {}),
  };
}

/**
 * Publishes the engine's diagnostics for open documents: shortly after each open or change,
 * always tagged with the version they were computed for, and empty once a document closes.
 */
export class DiagnosticsFeature {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Documents logged as too long to check, so the log says it once per document. */
  private readonly loggedTooLong = new Set<string>();
  /** Rule failures already logged per document; a cached analysis repeats them each run. */
  private readonly loggedFailures = new Map<string, Set<string>>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: Workspace,
    private readonly settings: SettingsStore,
    private readonly logger: Logger,
  ) {}

  /** Starts following the documents; `onDidChangeContent` also fires when one opens. */
  register(): void {
    this.documents.onDidChangeContent((event) => this.schedule(event.document.uri));
    this.documents.onDidClose((event) => this.close(event.document));
  }

  /** Checks every open document again, for instance after the settings changed. */
  recheckAll(): void {
    for (const document of this.documents.all()) {
      this.schedule(document.uri);
    }
  }

  /** Checks a document once it has been quiet for CHECK_DELAY_MS; a pending check restarts. */
  schedule(uri: string): void {
    clearTimeout(this.pending.get(uri));
    const timer = setTimeout(() => {
      this.pending.delete(uri);
      void this.check(uri);
    }, CHECK_DELAY_MS);
    this.pending.set(uri, timer);
  }

  private close(document: TextDocument): void {
    clearTimeout(this.pending.get(document.uri));
    this.pending.delete(document.uri);
    this.loggedFailures.delete(document.uri);
    this.loggedTooLong.delete(document.uri);
    this.workspace.deleteFile(document.uri);
    this.settings.forget(document.uri);
    void this.connection.sendDiagnostics({
      uri: document.uri,
      version: document.version,
      diagnostics: [],
    });
  }

  private async check(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (!document) {
      return;
    }
    const version = document.version;
    try {
      const settings = await this.settings.forDocument(uri);
      // The document may have changed or closed while the settings were read: the newer
      // check publishes instead, so that no client ever sees an older version's findings.
      if (this.documents.get(uri) !== document || document.version !== version) {
        return;
      }
      const started = performance.now();
      const diagnostics = this.diagnose(uri, document.getText(), settings.rules);
      this.logger.trace(
        `Checked ${uri} (version ${version}) in ${(performance.now() - started).toFixed(1)} ms`,
      );
      this.logNewFailures(uri);
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      this.logger.error(`Checking ${uri} failed: ${describeError(error)}`);
    }
  }

  private diagnose(uri: string, text: string, rules: RuleSettings): Diagnostic[] {
    if (text.length > MAX_CHECKED_LENGTH) {
      this.workspace.deleteFile(uri);
      if (!this.loggedTooLong.has(uri)) {
        this.loggedTooLong.add(uri);
        this.logger.info(
          `${uri} is not checked: it is longer than ${MAX_CHECKED_LENGTH} characters.`,
        );
      }
      return [];
    }
    this.loggedTooLong.delete(uri);
    this.workspace.setFile(uri, text);
    return this.workspace.diagnose(uri, rules).map(toLspDiagnostic);
  }

  private logNewFailures(uri: string): void {
    const logged = this.loggedFailures.get(uri) ?? new Set<string>();
    this.loggedFailures.set(uri, logged);
    for (const failure of this.workspace.failures(uri)) {
      if (!logged.has(failure)) {
        logged.add(failure);
        this.logger.error(`A rule failed on ${uri}: ${failure}`);
      }
    }
  }
}
