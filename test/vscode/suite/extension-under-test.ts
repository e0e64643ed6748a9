import * as vscode from 'vscode';

/** publisher.name from package.json. */
export const EXTENSION_ID = 'kestra-tls.kestra-tls';

/** The language server's state as the extension reports it. */
export type ServerState = 'starting' | 'running' | 'stopped';

/**
 * What the extension returns from activation; declared here rather than imported, because
 * the tests see the extension from outside, as another extension would.
 */
export interface KestraTlsApi {
  readonly serverState: ServerState;
  readonly onDidChangeServerState: vscode.Event<ServerState>;
}

/** How long activation may take before a test gives up. */
const ACTIVATION_TIMEOUT_MS = 15_000;

/** The extension under test; fails the test when VS Code has not loaded it. */
export function kestraTlsExtension(): vscode.Extension<KestraTlsApi> {
  const extension = vscode.extensions.getExtension<KestraTlsApi>(EXTENSION_ID);
  if (extension === undefined) {
    throw new Error(`VS Code has not loaded ${EXTENSION_ID}`);
  }
  return extension;
}

/**
 * Waits until VS Code has activated the extension on its own and returns its API. VS Code's API
 * has no activation event, and calling activate() would activate the extension itself, which
 * is what a test must not do; so this looks at isActive every 50 ms until a deadline.
 */
export async function whenActivated(
  extension: vscode.Extension<KestraTlsApi>,
): Promise<KestraTlsApi> {
  const deadline = Date.now() + ACTIVATION_TIMEOUT_MS;
  while (!extension.isActive) {
    if (Date.now() > deadline) {
      throw new Error(`${EXTENSION_ID} was not activated within ${ACTIVATION_TIMEOUT_MS} ms`);
    }
    await new Promise((wake) => setTimeout(wake, 50));
  }
  return extension.exports;
}

/** Resolves with every state the server goes through from now on, once `done` settles. */
export async function recordServerStates(
  api: KestraTlsApi,
  done: () => Thenable<unknown>,
): Promise<ServerState[]> {
  const states: ServerState[] = [];
  const listener = api.onDidChangeServerState((state) => states.push(state));
  try {
    await done();
  } finally {
    listener.dispose();
  }
  return states;
}
