import * as vscode from 'vscode';
import { showLogs } from './commands/show-logs';
import { DISPLAY_NAME } from './constants';
import { documentSelector } from './language-client';
import type { ServerController, ServerState } from './server-controller';

/**
 * Shows the server's state in the language status of YAML editors, with a way to the logs; the
 * item turns into an error when the server stopped, so a silent checker is never mistaken for
 * a clean file.
 */
// FIXME: VS Code's API cannot read a language status item back, so no test checks it; only the
// workbench's page shows it.
export function createServerStatusItem(server: ServerController): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem('kestraTls.server', documentSelector);
  item.name = DISPLAY_NAME;
  item.command = { title: 'Show Logs', command: showLogs.id };

  const show = (state: ServerState): void => {
    item.text = describeState(state);
    item.detail = `Language server ${state}`;
    item.busy = state === 'starting';
    item.severity =
      state === 'stopped'
        ? vscode.LanguageStatusSeverity.Error
        : vscode.LanguageStatusSeverity.Information;
  };
  show(server.state);
  const listener = server.onDidChangeState(show);

  return vscode.Disposable.from(listener, item);
}

function describeState(state: ServerState): string {
  switch (state) {
    case 'starting':
      return `${DISPLAY_NAME}: starting`;
    case 'running':
      return `$(check) ${DISPLAY_NAME}`;
    case 'stopped':
      return `$(error) ${DISPLAY_NAME}: stopped`;
  }
}
