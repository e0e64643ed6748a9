import {
  CloseAction,
  type CloseHandlerResult,
  ErrorAction,
  type ErrorHandler,
  type ErrorHandlerResult,
} from 'vscode-languageclient/node';

/** A server that crashes this often within the window is left stopped. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** Connection errors in a row after which the client gives up on the connection. */
const MAX_CONNECTION_ERRORS = 3;

/**
 * Decides what happens when the server's connection fails. A server that crashes while
 * running is restarted, unless it keeps crashing; then `onGiveUp` hears why it stays stopped.
 * One that dies while starting is not restarted, since it would only die again: the start
 * fails at once and its caller tells the user. Every outcome is marked handled, so the
 * library adds no message of its own.
 */
// FIXME: tried by hand with servers that die at start and on every document, but no test runs
// a crashing server, so a regression in these decisions would go unnoticed.
export function createCrashPolicy(
  wasRunning: () => boolean,
  onGiveUp: (reason: string) => void,
): ErrorHandler {
  const restarts: number[] = [];

  return {
    error(_error, _message, count): ErrorHandlerResult {
      if (count !== undefined && count <= MAX_CONNECTION_ERRORS) {
        return { action: ErrorAction.Continue, handled: true };
      }
      if (wasRunning()) {
        onGiveUp('the connection to the language server keeps failing; it was shut down.');
      }
      return { action: ErrorAction.Shutdown, handled: true };
    },

    closed(): CloseHandlerResult {
      if (!wasRunning()) {
        return { action: CloseAction.DoNotRestart, handled: true };
      }

      const now = Date.now();
      while (restarts.length > 0 && now - restarts[0]! > RESTART_WINDOW_MS) {
        restarts.shift();
      }
      if (restarts.length >= MAX_RESTARTS) {
        const reason = `the language server crashed ${MAX_RESTARTS + 1} times in 3 minutes.`;
        onGiveUp(reason);
        return { action: CloseAction.DoNotRestart, handled: true };
      }
      restarts.push(now);
      return {
        action: CloseAction.Restart,
        message: 'The language server stopped unexpectedly; restarting it.',
        handled: true,
      };
    },
  };
}
