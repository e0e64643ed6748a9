import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Workspace } from '../../../server/src/engine/index';
import type { WorkspaceRule } from '../../../server/src/engine/rules/cross/workspace-rule';
import type { DocumentRule } from '../../../server/src/engine/rules/rule';
import { FakeFileSystem, uriOf } from './support';

/** Marks the word `kestra` in each document, with its span in the finding's data too. */
const markRule: DocumentRule = {
  rules: [{ code: 'mark', defaultSeverity: 'warning', summary: 'Marks kestra.' }],
  check(model) {
    const start = model.text.indexOf('kestra');
    if (start < 0) {
      return [];
    }
    const span = { start, end: start + 'kestra'.length };
    return [
      { code: 'mark', severity: 'warning', message: 'marked', span, data: { wordSpan: span } },
    ];
  },
};

/** Reports the same finding twice, as two deployments reading one file would. */
const twiceRule: WorkspaceRule = {
  rules: [{ code: 'twice', defaultSeverity: 'hint', summary: 'Reports twice.' }],
  check() {
    const uri = uriOf('kestra.yaml');
    const finding = () => ({
      code: 'twice',
      severity: 'hint' as const,
      message: 'same',
      span: { start: 0, end: 3 },
      uri,
      data: { keySpan: { start: 0, end: 3 }, note: 'kept' },
    });
    return [finding(), finding()];
  },
};

function workspaceWith(text: string): Workspace {
  const workspace = new Workspace({
    folders: [],
    fileSystem: new FakeFileSystem(),
    documentRules: [markRule],
    workspaceRules: [twiceRule],
  });
  workspace.setFile(uriOf('kestra.yaml'), text);
  return workspace;
}

describe('diagnostics of a file', () => {
  // Two Kestra configuration files in one: the second document starts on line 3.
  const text = 'kestra:\n  url: http://localhost:8080/\n---\nkestra:\n  url: https://k/\n';

  it('moves the spans of a later document, and of its data, to the file', () => {
    const [first, second] = workspaceWith(text)
      .diagnose(uriOf('kestra.yaml'))
      .filter((diagnostic) => diagnostic.code === 'mark');
    assert.deepEqual(first?.range, {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 6 },
    });
    const start = text.indexOf('kestra', 1);
    assert.deepEqual(second?.data, {
      wordSpan: { start, end: start + 6 },
      wordRange: { start: { line: 3, character: 0 }, end: { line: 3, character: 6 } },
    });
    assert.deepEqual(second?.range, second?.data?.wordRange);
  });

  it('gives a finding said twice once, with its data and ranges', () => {
    const twice = workspaceWith(text)
      .diagnose(uriOf('kestra.yaml'))
      .filter((diagnostic) => diagnostic.code === 'twice');
    assert.equal(twice.length, 1);
    assert.deepEqual(twice[0]?.data, {
      keySpan: { start: 0, end: 3 },
      note: 'kept',
      keyRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
    });
  });

  it('applies the user’s severities and drops the rules turned off', () => {
    const workspace = workspaceWith(text);
    const diagnostics = workspace.diagnose(uriOf('kestra.yaml'), { mark: 'off', twice: 'error' });
    assert.deepEqual(
      diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.severity}`),
      ['twice error'],
    );
  });
});
