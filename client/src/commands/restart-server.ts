import * as vscode from 'vscode';
import { DISPLAY_NAME } from '../constants';
import type { KestraTlsCommand } from './command';

/** Stops the language server if it runs and starts a fresh one, for example after an update. */
export const restartServer: KestraTlsCommand = {
  id: 'kestraTls.restartServer',
  purpose: 'restart the language server',
  // It is the way out of a stopped server, so it must run when the server is down.
  needsServer: false,
  async run({ server, log }) {
    log.info('Restarting the language server on request');
    await server.restart();
    vscode.window.setStatusBarMessage(`${DISPLAY_NAME}: language server restarted`, 3000);
  },
};
