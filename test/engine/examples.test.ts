import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { Workspace } from '../../server/src/engine/index';

/** The repository root: tests run from out/test/engine. */
const ROOT = path.resolve(__dirname, '../../..');

const CODES = ['yaml-syntax', 'misplaced-property', 'duplicate-property'];

function diagnoseExample(relative: string) {
  const uri = `file:///${relative}`;
  const workspace = new Workspace();
  workspace.setFile(uri, readFileSync(path.join(ROOT, relative), 'utf8'));
  assert.deepEqual(workspace.failures(uri), []);
  return workspace.diagnose(uri).filter((diagnostic) => CODES.includes(diagnostic.code));
}

describe('examples/ (the SSL guide as users copy it)', () => {
  test('the compose example reports the misplaced ports at line 68, column 11', () => {
    const diagnostics = diagnoseExample('examples/compose/docker-compose.yml');
    assert.deepEqual(
      diagnostics.map((diagnostic) => [
        diagnostic.code,
        diagnostic.range.start.line + 1,
        diagnostic.range.start.character + 1,
        diagnostic.range.end.character + 1,
      ]),
      [['misplaced-property', 68, 11, 16]],
    );
    assert.deepEqual(diagnostics[0]?.data, {
      from: 'kestra.ports',
      to: 'service.ports',
      kind: 'compose-key',
    });
  });

  test('the Kubernetes example has no syntax, misplacement or duplicate finding', () => {
    assert.deepEqual(diagnoseExample('examples/kubernetes/kestra-ssl.yaml'), []);
  });
});
