import * as vscode from 'vscode';
import { restartServer } from './commands/restart-server';

const RESTART_ACTION = 'Restart Server';
const SHOW_LOGS_ACTION = 'Show Logs';

/**
 * Logs a problem as an error and tells the user, with a button to the logs and, when a restart
 * may help, one to restart the server. Never waits for the user's answer.
 */
export function reportProblem(
  message: string,
  log: vscode.LogOutputChannel,
  options: { offerRestart: boolean },
): void {
  log.error(message);
  const actions = options.offerRestart ? [RESTART_ACTION, SHOW_LOGS_ACTION] : [SHOW_LOGS_ACTION];
  void vscode.window.showErrorMessage(message, ...actions).then((choice) => {
    if (choice === RESTART_ACTION) {
      void vscode.commands.executeCommand(restartServer.id);
    } else if (choice === SHOW_LOGS_ACTION) {
      log.show();
    }
  });
}
