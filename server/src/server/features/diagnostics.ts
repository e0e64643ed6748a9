import {
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EngineDiagnostic, Severity, Workspace } from '../../engine/index';
import { describeError, type Logger } from '../logger';
import type { SettingsStore } from '../settings-store';

/**
 * How long a document must stay unchanged before it is checked, once a change found an
 * earlier one still waiting for its check. One action can send several changes within a
 * few milliseconds (a paste with auto-indentation, a multi-cursor edit, a format), and those
 * are checked once.
 */
export const CHECK_DELAY_MS = 20;

/**
 * The wait before checking a change that finds no check waiting, as a keystroke does. A
 * longer wait would count in the time to diagnostics users feel; this one lets the other
 * changes the editor wrote with it be handled first.
 */
export const FIRST_CHANGE_DELAY_MS = 4;

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
 * How long to wait before checking a document that just changed: briefly, unless a check of
 * an earlier change is still waiting; then until the document has been quiet for
 * CHECK_DELAY_MS.
 */
export function delayAfterChange(checkPending: boolean): number {
  return checkPending ? CHECK_DELAY_MS : FIRST_CHANGE_DELAY_MS;
}

/** What the feature keeps for one open document. */
interface OpenDocument {
  /** The check waiting for the document to be quiet, if any. */
  timer: NodeJS.Timeout | undefined;
  /** Rule failures already logged; a cached analysis repeats them on every check. */
  loggedFailures: Set<string>;
  loggedTooLong: boolean;
}

/**
 * Publishes the engine's diagnostics for open documents: shortly after each open or change,
 * always tagged with the version they were computed for, and empty once a document closes.
 * A change can alter the findings of other files of the same deployment (a Service's port
 * checked against the Deployment in another file), so those are checked again too. Files
 * that are not open get no diagnostics; what the engine keeps of a closed document is the
 * folder index's concern (features/folder-index.ts).
 */
export class DiagnosticsFeature {
  private readonly open = new Map<string, OpenDocument>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: Workspace,
    private readonly settings: SettingsStore,
    private readonly logger: Logger,
    /** Resolves once the engine has the settings that hold for every file. */
    private readonly engineReady: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Starts following the documents; `onDidChangeContent` also fires when one opens. */
  register(): void {
    this.documents.onDidChangeContent(({ document }) => {
      // An open comes alone, and is checked at once.
      const state = this.open.get(document.uri);
      this.schedule(document.uri, state ? delayAfterChange(state.timer !== undefined) : 0);
    });
    this.documents.onDidClose(({ document }) => this.close(document));
  }

  /** Checks every open document again, for instance after the settings changed. */
  recheckAll(): void {
    for (const document of this.documents.all()) {
      this.schedule(document.uri, CHECK_DELAY_MS);
    }
  }

  /** Checks again, right away, those of `uris` that are open: a file they depend on changed. */
  recheck(uris: Iterable<string>): void {
    for (const uri of uris) {
      if (this.open.has(uri)) {
        this.schedule(uri, 0);
      }
    }
  }

  private stateOf(uri: string): OpenDocument {
    let state = this.open.get(uri);
    if (!state) {
      state = {
        timer: undefined,
        loggedFailures: new Set(),
        loggedTooLong: false,
      };
      this.open.set(uri, state);
    }
    return state;
  }

  /** Checks a document once it has been quiet for `delay` ms; a pending check restarts. */
  private schedule(uri: string, delay: number): void {
    const state = this.stateOf(uri);
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.check(uri);
    }, delay);
  }

  private close(document: TextDocument): void {
    clearTimeout(this.open.get(document.uri)?.timer);
    this.open.delete(document.uri);
    this.settings.forget(document.uri);
    void this.connection.sendDiagnostics({
      uri: document.uri,
      version: document.version,
      diagnostics: [],
    });
  }

  private async check(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    const state = this.open.get(uri);
    if (!document || !state) {
      return;
    }
    const version = document.version;
    try {
      const settingsRead = Promise.all([this.settings.forDocument(uri), this.engineReady()]);
      // Should the analysis throw first, a failed read of the settings must not go unhandled.
      settingsRead.catch(() => undefined);
      // The text is analyzed while the client answers with the settings: only the severities
      // of the findings depend on them, and an open would otherwise wait for the answer.
      let started = performance.now();
      const text = document.getText();
      const changed = this.workspace.file(uri)?.text !== text;
      const checked = this.analyze(uri, text, state);
      let elapsed = performance.now() - started;
      const [settings] = await settingsRead;
      // The document may have changed or closed while the settings were read: the newer
      // check publishes instead, so that no client ever sees an older version's findings.
      if (this.documents.get(uri) !== document || document.version !== version) {
        return;
      }
      started = performance.now();
      const diagnostics = checked
        ? this.workspace.diagnose(uri, settings.rules).map(toLspDiagnostic)
        : [];
      elapsed += performance.now() - started;
      this.logger.trace(`Checked ${uri} (version ${version}) in ${elapsed.toFixed(1)} ms`);
      this.logNewFailures(uri, state);
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
      // Only a change of this file's text can change other files' findings; a dependent
      // checked in turn sees its own text unchanged and goes no further.
      if (changed) {
        this.checkDependents(uri);
      }
    } catch (error) {
      this.logger.error(`Checking ${uri} failed: ${describeError(error)}`);
    }
  }

  /** Gives the engine a document's text; false when it is too long to be checked. */
  private analyze(uri: string, text: string, state: OpenDocument): boolean {
    if (text.length > MAX_CHECKED_LENGTH) {
      this.workspace.deleteFile(uri);
      if (!state.loggedTooLong) {
        state.loggedTooLong = true;
        this.logger.info(
          `${uri} is not checked: it is longer than ${MAX_CHECKED_LENGTH} characters.`,
        );
      }
      return false;
    }
    state.loggedTooLong = false;
    this.workspace.setFile(uri, text);
    return true;
  }

  /** Checks the open files whose findings depend on `uri`, right away. */
  private checkDependents(uri: string): void {
    this.recheck(this.workspace.dependents(uri));
  }

  private logNewFailures(uri: string, state: OpenDocument): void {
    for (const failure of this.workspace.failures(uri)) {
      if (!state.loggedFailures.has(failure)) {
        state.loggedFailures.add(failure);
        this.logger.error(`A rule failed on ${uri}: ${failure}`);
      }
    }
  }
}
