import type * as vscode from 'vscode';
import type { ServerController, ServerState } from './server-controller';

/** What the extension returns from activation, for tests and other extensions. */
export interface KestraTlsApi {
  /** The language server's state now. */
  readonly serverState: ServerState;
  /** Fires when the language server starts, runs or stops. */
  readonly onDidChangeServerState: vscode.Event<ServerState>;
}

/** A read-only view of the server controller. */
export function createApi(server: ServerController): KestraTlsApi {
  return {
    get serverState() {
      return server.state;
    },
    onDidChangeServerState: server.onDidChangeState,
  };
}
