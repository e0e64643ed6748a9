import { access } from 'node:fs/promises';
import * as vscode from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node';
import { DISPLAY_NAME } from './constants';
import { createCrashPolicy } from './crash-policy';
import { describeError } from './errors';
import { createLanguageClient } from './language-client';
import { reportProblem } from './notifications';

/** What the user is told about the language server. */
export type ServerState = 'starting' | 'running' | 'stopped';

/** How long a stopping server gets to answer shutdown before it is dropped. */
const STOP_TIMEOUT_MS = 2000;

/**
 * Owns the language client: starts, stops and restarts it one operation at a time and reports
 * its state. A fresh client is made for every start, because a client whose start failed
 * cannot be started again.
 */
export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private clientStateListener: vscode.Disposable | undefined;
  private currentState: ServerState = 'stopped';
  private operations: Promise<void> = Promise.resolve();
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();

  /** Fires whenever the server starts, runs or stops, including after a crash. */
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(
    private readonly serverModule: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get state(): ServerState {
    return this.currentState;
  }

  /** The client while the server runs; undefined while it starts or after it stopped. */
  get runningClient(): LanguageClient | undefined {
    return this.currentState === 'running' ? this.client : undefined;
  }

  /** Starts the server unless it already runs; rejects with the reason it could not start. */
  start(): Promise<void> {
    return this.enqueue(() => this.startNow());
  }

  /** Stops the server; a server that does not answer in time is dropped anyway. */
  stop(): Promise<void> {
    return this.enqueue(() => this.stopNow());
  }

  /** Stops the server if it runs and starts a new one. */
  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.stopNow();
      await this.startNow();
    });
  }

  dispose(): void {
    void this.stop().finally(() => this.stateEmitter.dispose());
  }

  // Operations run one after another so that a restart pressed twice, or during activation,
  // never leaves two servers checking the same documents.
  private enqueue(operation: () => Promise<void>): Promise<void> {
    const result = this.operations.then(operation);
    this.operations = result.catch(() => undefined);
    return result;
  }

  private async startNow(): Promise<void> {
    if (this.client !== undefined && this.currentState !== 'stopped') {
      return;
    }

    // A client that gave up after crashes stays behind in the stopped state; drop it first.
    await this.stopNow();
    await access(this.serverModule).catch(() => {
      throw new Error(`the language server is missing at ${this.serverModule}`);
    });

    const crashPolicy = createCrashPolicy(
      () => this.client === client && this.currentState === 'running',
      (reason) =>
        reportProblem(`${DISPLAY_NAME} stopped: ${reason}`, this.log, { offerRestart: true }),
    );
    const client = createLanguageClient(this.serverModule, this.log, crashPolicy);
    this.client = client;
    this.clientStateListener = client.onDidChangeState(({ newState }) => {
      if (this.client === client) {
        this.setState(toServerState(newState));
      }
    });
    this.setState('starting');
    this.log.info(`Starting the language server ${this.serverModule}`);

    try {
      await client.start();
      // start() can resolve although the server died while initializing; only the client's
      // state tells.
      if (client.state !== State.Running) {
        throw new Error('the language server exited while starting; the logs say why');
      }
    } catch (error) {
      await this.stopNow();
      throw error;
    }
    this.setState('running');
    this.log.info('The language server is running');
  }

  private async stopNow(): Promise<void> {
    const client = this.client;
    if (client === undefined) {
      return;
    }

    this.client = undefined;
    this.clientStateListener?.dispose();
    this.clientStateListener = undefined;
    try {
      await client.dispose(STOP_TIMEOUT_MS);
    } catch (error) {
      // A client that never got a connection, or whose server crashed, refuses to stop; its
      // process is gone or is killed with the connection, so there is nothing left to wait for.
      this.log.debug(`Stopping the language server: ${describeError(error)}`);
    }
    this.setState('stopped');
  }

  private setState(state: ServerState): void {
    if (state !== this.currentState) {
      this.currentState = state;
      this.stateEmitter.fire(state);
    }
  }
}

function toServerState(state: State): ServerState {
  if (state === State.Running) {
    return 'running';
  }
  return state === State.Starting ? 'starting' : 'stopped';
}
