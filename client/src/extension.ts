import * as vscode from 'vscode';
import { createApi, type KestraTlsApi } from './api';
import { registerCommands } from './commands/register-commands';
import { DISPLAY_NAME } from './constants';
import { describeError } from './errors';
import { reportProblem } from './notifications';
import { ServerController } from './server-controller';
import { createServerStatusItem } from './status-item';

let server: ServerController | undefined;

/** Starts the language server for YAML documents and registers the commands. */
export async function activate(context: vscode.ExtensionContext): Promise<KestraTlsApi> {
  const log = vscode.window.createOutputChannel(DISPLAY_NAME, { log: true });
  const controller = new ServerController(context.asAbsolutePath('dist/server.js'), log);
  server = controller;
  context.subscriptions.push(
    log,
    controller,
    createServerStatusItem(controller),
    registerCommands({ server: controller, log }),
  );

  try {
    await controller.start();
  } catch (error) {
    // Activation still succeeds, so the restart and logs commands stay available to recover.
    const message = `${DISPLAY_NAME}: the language server could not start: ${describeError(error)}`;
    reportProblem(message, log, { offerRestart: false });
  }

  return createApi(controller);
}

/** Stops the language server, giving it the chance to shut down cleanly. */
export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
