import { type ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type ClientCapabilities,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  type FileEvent,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  type LogMessageParams,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

/** The bundled server, built by `npm run build`. */
export const SERVER_PATH = path.resolve(__dirname, '../../../../dist/server.js');

const FIXTURES = path.resolve(__dirname, '../../../../test/protocol/fixtures');

/** The text of a fixture written for these tests. */
export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export type Transport = 'stdio' | 'ipc';

export interface SessionOptions {
  transport?: Transport;
  /** Whether the client answers `workspace/configuration`; VS Code does. */
  pullConfiguration?: boolean;
  /** The workspace folder, as a `file:` URI; none by default. */
  folder?: string;
  /** Whether the client reports workspace folders added and removed; VS Code does. */
  followFolders?: boolean;
  /** The `kestraTls` section the client answers with from the start. */
  settings?: Record<string, unknown>;
}

interface Waiter {
  uri: string;
  accept: (params: PublishDiagnosticsParams) => boolean;
  resolve: (params: PublishDiagnosticsParams) => void;
}

/**
 * A real LSP client talking to the bundled server in a child process, as an editor would:
 * it answers configuration requests from `settings` and lets tests await published
 * diagnostics as events.
 */
export class LspSession {
  /** The `kestraTls` section this client answers with. */
  settings: Record<string, unknown> = {};
  readonly logs: LogMessageParams[] = [];
  /** Every URI the server published diagnostics for. */
  readonly publishedUris = new Set<string>();
  private readonly registrations: Registration[] = [];
  private readonly registrationWaiters: ((registration: Registration) => void)[] = [];
  configurationRequests = 0;
  initializeResult: InitializeResult | undefined;
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private stderr = '';

  private constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.publishedUris.add(params.uri);
      const index = this.waiters.findIndex(
        (waiter) => waiter.uri === params.uri && waiter.accept(params),
      );
      if (index !== -1) {
        this.waiters.splice(index, 1)[0]?.resolve(params);
      }
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
    });
    connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests++;
      return params.items.map((item) => (item.section === 'kestraTls' ? this.settings : null));
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      for (const registration of params.registrations) {
        this.registrations.push(registration);
        for (const waiter of this.registrationWaiters.splice(0)) {
          waiter(registration);
        }
      }
    });
    connection.listen();
  }

  /** Starts the server and completes the `initialize` handshake. */
  static async start(options: SessionOptions = {}): Promise<LspSession> {
    if (!existsSync(SERVER_PATH)) {
      throw new Error(`${SERVER_PATH} is missing: run \`npm run build\` before these tests.`);
    }
    const { connection, child } = options.transport === 'ipc' ? startIpc() : startStdio();
    const session = new LspSession(connection, child);
    session.settings = options.settings ?? {};
    session.initializeResult = await session.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: options.folder ? [{ uri: options.folder, name: 'project' }] : null,
      capabilities: clientCapabilities(
        options.pullConfiguration ?? true,
        options.followFolders ?? false,
      ),
    });
    await session.connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  /** The server's dynamic registration of `method`, once it has arrived. */
  async registration(method: string): Promise<Registration> {
    for (;;) {
      const found = this.registrations.find((registration) => registration.method === method);
      if (found) {
        return found;
      }
      await new Promise<Registration>((resolve) => this.registrationWaiters.push(resolve));
    }
  }

  /** What the server wrote to stderr, to explain a failure. */
  get errorOutput(): string {
    return this.stderr;
  }

  /**
   * The next diagnostics the server publishes for `uri` that `accept` takes. Call it before
   * the action that triggers them, so that none is missed; `accept` skips publishes that
   * other, earlier actions may still cause.
   */
  nextDiagnostics(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
  ): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, accept, resolve }));
  }

  /** Opens a document at version 1 and returns that version. */
  async open(uri: string, text: string): Promise<number> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    return 1;
  }

  /** Opens a document and waits for its first diagnostics, so that the server holds it. */
  async openChecked(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    const checked = this.nextDiagnostics(uri);
    await this.open(uri, text);
    return checked;
  }

  /** Applies `changes` to an open document, one after the other; returns the new version. */
  async edit(uri: string, ...changes: { range: Range; text: string }[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  /**
   * Sends one change notification per edit, all in one write to the server's input, as an
   * editor does for the changes of one action; returns the last version. Stdio only.
   */
  editsAtOnce(uri: string, edits: readonly { range: Range; text: string }[]): number {
    if (!this.child.stdin) {
      throw new Error('editsAtOnce needs the stdio transport');
    }
    let version = this.versions.get(uri) ?? 0;
    const frames = edits.map((edit) => {
      version += 1;
      const content = JSON.stringify({
        jsonrpc: '2.0',
        method: DidChangeTextDocumentNotification.method,
        params: { textDocument: { uri, version }, contentChanges: [edit] },
      });
      return `Content-Length: ${Buffer.byteLength(content)}\r\n\r\n${content}`;
    });
    this.versions.set(uri, version);
    this.child.stdin.write(frames.join(''));
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri },
    });
  }

  /** Sets the `kestraTls.rules` this client answers with and tells the server. */
  async setRules(rules: Record<string, unknown>, push = false): Promise<void> {
    await this.configure({ rules }, push);
  }

  /** Sets the whole `kestraTls` section this client answers with and tells the server. */
  async configure(settings: Record<string, unknown>, push = false): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: push ? { kestraTls: this.settings } : null,
    });
  }

  /** Tells the server that files it does not hold changed on disk, as a file watcher does. */
  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Tells the server that workspace folders, given as `file:` URIs, were added or removed. */
  async changeFolders(added: string[], removed: string[] = []): Promise<void> {
    const folder = (uri: string) => ({ uri, name: uri.slice(uri.lastIndexOf('/') + 1) });
    await this.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: added.map(folder), removed: removed.map(folder) },
    });
  }

  /** Shuts the server down as an editor does and resolves with its exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) {
        resolve(this.child.exitCode);
      } else {
        this.child.once('exit', (code) => resolve(code));
      }
    });
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  /** Ends the server however it is doing, for `after` hooks of failed tests. */
  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null) {
      this.child.kill();
    }
  }
}

interface ServerProcess {
  connection: ProtocolConnection;
  child: ChildProcess;
}

function startStdio(): ServerProcess {
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (!child.stdout || !child.stdin) {
    throw new Error('The server was started without pipes.');
  }
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  return { connection, child };
}

function startIpc(): ServerProcess {
  const child = fork(SERVER_PATH, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
  const connection = createProtocolConnection(
    new IPCMessageReader(child),
    new IPCMessageWriter(child),
  );
  return { connection, child };
}

function clientCapabilities(
  pullConfiguration: boolean,
  followFolders: boolean,
): ClientCapabilities {
  return {
    workspace: {
      configuration: pullConfiguration,
      workspaceFolders: followFolders,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
    },
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { versionSupport: true, relatedInformation: false },
    },
  };
}
