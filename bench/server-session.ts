import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogTraceNotification,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  type Range,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { WARM_UP_ENDED } from '../server/src/server/features/idle-warm-up';

/** The bundled server, built by `npm run build`. */
export const SERVER_PATH = path.resolve(__dirname, '../../dist/server.js');

/** Resident memory of a process, from Linux's /proc. */
export interface ProcessMemory {
  /** Resident set size now, in bytes. */
  rss: number;
  /** The highest resident set size so far, in bytes. */
  peakRss: number;
}

/**
 * The bundled server in a child process over stdio, driven as an editor drives it. Each
 * publish is matched to the document version it was computed for, and the server's own
 * check times are read from its trace.
 */
export class ServerSession {
  private readonly waiters = new Map<string, (params: PublishDiagnosticsParams) => void>();
  private readonly versions = new Map<string, number>();
  /** Milliseconds the server reported for each check, in order. */
  readonly checkTimes: number[] = [];
  /** Resolves once the server's warm-up has ended, complete or stopped by an open. */
  readonly warmedUp: Promise<void>;
  private endWarmUp: () => void = () => undefined;

  private constructor(
    private readonly connection: ProtocolConnection,
    private readonly child: ChildProcess,
    /** When the server process was started, from `performance.now()`. */
    readonly startedAt: number,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const key = waiterKey(params.uri, params.version);
      this.waiters.get(key)?.(params);
      this.waiters.delete(key);
    });
    this.warmedUp = new Promise((resolve) => {
      this.endWarmUp = resolve;
    });
    connection.onNotification(LogTraceNotification.type, ({ message }) => {
      if (message.startsWith(WARM_UP_ENDED)) {
        this.endWarmUp();
      }
      const time = /^Checked .* in ([\d.]+) ms$/.exec(message)?.[1];
      if (time !== undefined) {
        this.checkTimes.push(Number(time));
      }
    });
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.listen();
  }

  /** Starts the server and completes the handshake, with tracing on for check times. */
  static async start(): Promise<ServerSession> {
    if (!existsSync(SERVER_PATH)) {
      throw new Error(`${SERVER_PATH} is missing: run \`npm run build\` first.`);
    }
    // Profile the server with, for example, BENCH_SERVER_NODE_ARGS="--cpu-prof".
    const nodeArguments = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const startedAt = performance.now();
    const child = spawn(process.execPath, [...nodeArguments, SERVER_PATH, '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    if (!child.stdout || !child.stdin) {
      throw new Error('The server was started without pipes.');
    }
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const session = new ServerSession(connection, child, startedAt);
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      trace: 'messages',
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  /** Opens a document and resolves with its first diagnostics. */
  async open(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    this.versions.set(uri, 1);
    const published = this.published(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    return published;
  }

  /** Replaces `range` with `text` and resolves with the diagnostics of the new version. */
  async edit(uri: string, range: Range, text: string): Promise<PublishDiagnosticsParams> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const published = this.published(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
    return published;
  }

  /** The server's memory, or undefined where /proc does not exist. */
  memory(): ProcessMemory | undefined {
    const status = `/proc/${this.child.pid}/status`;
    if (!existsSync(status)) {
      return undefined;
    }
    const text = readFileSync(status, 'utf8');
    const kilobytes = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]);
    return { rss: kilobytes('VmRSS') * 1024, peakRss: kilobytes('VmHWM') * 1024 };
  }

  /** Shuts the server down and waits for it to exit. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    await exited;
    this.connection.dispose();
  }

  private published(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.set(waiterKey(uri, version), resolve));
  }
}

function waiterKey(uri: string, version: number | undefined): string {
  return `${version} ${uri}`;
}
