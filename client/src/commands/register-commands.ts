import * as vscode from 'vscode';
import { DISPLAY_NAME } from '../constants';
import { describeError } from '../errors';
import type { CommandContext, KestraTlsCommand } from './command';
import { restartServer } from './restart-server';
import { showLogs } from './show-logs';

const allCommands: readonly KestraTlsCommand[] = [restartServer, showLogs];

const RESTART_ACTION = 'Restart Server';
const SHOW_LOGS_ACTION = 'Show Logs';

/** Registers every contributed command; the returned disposable unregisters them. */
export function registerCommands(context: CommandContext): vscode.Disposable {
  return vscode.Disposable.from(
    ...allCommands.map((command) =>
      vscode.commands.registerCommand(command.id, () => runCommand(command, context)),
    ),
  );
}

// A command never fails silently: a server that is down, or an error, is told to the user with
// a way forward, and logged.
async function runCommand(command: KestraTlsCommand, context: CommandContext): Promise<void> {
  if (command.needsServer && context.server.state !== 'running') {
    const reason = `${DISPLAY_NAME} cannot ${command.purpose}: the language server is ${context.server.state}.`;
    context.log.warn(reason);
    void offerWayForward(reason, context, [RESTART_ACTION, SHOW_LOGS_ACTION]);
    return;
  }

  try {
    await command.run(context);
  } catch (error) {
    const reason = `${DISPLAY_NAME} could not ${command.purpose}: ${describeError(error)}`;
    context.log.error(reason);
    void offerWayForward(reason, context, [SHOW_LOGS_ACTION]);
    // Callers such as tests and other extensions learn of the failure too.
    throw error;
  }
}

async function offerWayForward(
  message: string,
  context: CommandContext,
  actions: string[],
): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, ...actions);
  if (choice === RESTART_ACTION) {
    await vscode.commands.executeCommand(restartServer.id);
  } else if (choice === SHOW_LOGS_ACTION) {
    context.log.show();
  }
}
