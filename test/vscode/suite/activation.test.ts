/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { kestraTlsExtension, whenActivated } from './extension-under-test';
import { addToWorkspace, openInEditor } from './fixtures';

// Runs first (files run in name order): every later test finds the extension active.
describe('activation', () => {
  it('waits for a YAML document, then activates and starts the language server', async () => {
    const extension = kestraTlsExtension();
    assert.equal(extension.isActive, false, 'the extension activated before any YAML opened');

    const workflow = await addToWorkspace('github-workflow.yml', '.github/workflows/lint.yml');
    await openInEditor(workflow);
    const api = await whenActivated(extension);

    assert.equal(api.serverState, 'running');
  });

  it('declares activation for YAML and compose documents', () => {
    const { activationEvents } = kestraTlsExtension().packageJSON as {
      activationEvents: string[];
    };

    assert.ok(activationEvents.includes('onLanguage:yaml'), String(activationEvents));
    assert.ok(activationEvents.includes('onLanguage:dockercompose'), String(activationEvents));
  });
});
