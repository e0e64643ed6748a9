import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Workspace } from '../../server/src/engine/index';
import { documentRules } from '../../server/src/engine/rules/index';
import { warmUp, warmUpFiles, warmUpSteps } from '../../server/src/engine/warm-up';

const noDisk = { exists: () => false, isIgnored: () => false };

describe('warm-up', () => {
  test('its files take every document rule through its reporting, without failures', () => {
    const codes = new Set<string>();
    for (const file of warmUpFiles(0)) {
      const workspace = new Workspace({
        folders: ['/'],
        fileSystem: noDisk,
        deepValidation: false,
      });
      workspace.setFile(file.uri, file.text);
      for (const diagnostic of workspace.diagnose(file.uri)) {
        codes.add(diagnostic.code);
      }
      assert.deepEqual(workspace.failures(file.uri), []);
      assert.notEqual(file.edited, file.text, `${file.uri} is edited`);
    }
    const reported = documentRules.flatMap((rule) => rule.rules.map((rule) => rule.code));
    const unused = reported.filter((code) => code !== 'yaml-syntax' && !codes.has(code));
    assert.deepEqual(unused, []);
  });

  test('each round writes other texts, so that no cache answers for a later round', () => {
    const [first, second] = [warmUpFiles(0), warmUpFiles(1)];
    for (const [index, file] of first.entries()) {
      assert.notEqual(file.text, second[index]?.text);
    }
  });

  test('runs in several steps, or at once', () => {
    const steps = warmUpSteps();
    assert.ok(steps.length > 1);
    for (const step of steps) {
      step();
    }
    warmUp();
  });
});
