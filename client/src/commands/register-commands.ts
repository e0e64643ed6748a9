import * as vscode from 'vscode';
import { DISPLAY_NAME } from '../constants';
import { describeError } from '../errors';
import { reportProblem } from '../notifications';
import type { CommandContext, KestraTlsCommand } from './command';
import { restartServer } from './restart-server';
import { showLogs } from './show-logs';

const allCommands: readonly KestraTlsCommand[] = [restartServer, showLogs];

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
    const state = context.server.state;
    const reason = `${DISPLAY_NAME} cannot ${command.purpose}: the language server is ${state}.`;
    reportProblem(reason, context.log, { offerRestart: true });
    return;
  }

  try {
    await command.run(context);
  } catch (error) {
    const reason = `${DISPLAY_NAME} could not ${command.purpose}: ${describeError(error)}`;
    reportProblem(reason, context.log, { offerRestart: false });
    // Callers such as tests and other extensions learn of the failure too.
    throw error;
  }
}
