import {
  CloseAction,
  type CloseHandlerResult,
  ErrorAction,
  type ErrorHandler,
  type ErrorHandlerResult,
} from 'vscode-languageclient/node';
import { CrashDecisions } from './crash-decisions';

/**
 * Decides what happens when the server's connection fails, as `CrashDecisions` says. When
 * the server stays stopped, `onGiveUp` hears why. Every outcome is marked handled, so the
 * library adds no message of its own.
 */
export function createCrashPolicy(
  wasRunning: () => boolean,
  onGiveUp: (reason: string) => void,
): ErrorHandler {
  const decisions = new CrashDecisions();

  return {
    error(_error, _message, count): ErrorHandlerResult {
      const { carryOn, giveUp } = decisions.connectionError(count, wasRunning());
      if (giveUp) {
        onGiveUp(giveUp);
      }
      return { action: carryOn ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
    },

    closed(): CloseHandlerResult {
      const { carryOn, giveUp } = decisions.closed(wasRunning());
      if (giveUp) {
        onGiveUp(giveUp);
      }
      return carryOn
        ? {
            action: CloseAction.Restart,
            message: 'The language server stopped unexpectedly; restarting it.',
            handled: true,
          }
        : { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}
