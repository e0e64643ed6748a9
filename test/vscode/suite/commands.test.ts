/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DiagnosticsHistory, withCode } from './diagnostics-history';
import { kestraTlsExtension, recordServerStates } from './extension-under-test';
import { addToWorkspace, openInEditor } from './fixtures';

const RESTART = 'kestraTls.restartServer';
const SHOW_LOGS = 'kestraTls.showLogs';

describe('commands', () => {
  it('registers every command it contributes in package.json', async () => {
    const { contributes } = kestraTlsExtension().packageJSON as {
      contributes: { commands?: { command: string }[] };
    };
    const contributed = (contributes.commands ?? []).map(({ command }) => command).sort();
    const registered = new Set(await vscode.commands.getCommands(true));

    assert.deepEqual(contributed, [RESTART, SHOW_LOGS]);
    assert.deepEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
      'contributed but not registered',
    );
  });

  it('restarts the language server, which then checks open documents again', async () => {
    const compose = await addToWorkspace('compose.yaml', 'restart/compose.yaml');
    const history = new DiagnosticsHistory(compose);
    const hasMisplaced = (diagnostics: vscode.Diagnostic[]): boolean =>
      withCode(diagnostics, 'misplaced-property').length > 0;
    try {
      await openInEditor(compose);
      await history.next('diagnostics from the first server', hasMisplaced);
      const api = await kestraTlsExtension().activate();

      const states = await recordServerStates(api, () => vscode.commands.executeCommand(RESTART));

      assert.deepEqual(states, ['stopped', 'starting', 'running']);
      await history.next('diagnostics cleared as the server stops', (d) => !hasMisplaced(d));
      await history.next('diagnostics from the new server', hasMisplaced);
    } finally {
      history.dispose();
    }
  });

  it('shows the logs', async () => {
    await assert.doesNotReject(Promise.resolve(vscode.commands.executeCommand(SHOW_LOGS)));
  });
});
