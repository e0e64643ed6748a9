import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Workspace } from '../../server/src/engine/index';
import { misplacedPropertyRule } from '../../server/src/engine/rules/misplaced-property';
import type { DocumentRule } from '../../server/src/engine/rules/rule';
import { diagnosticsOf, lines, rangeOf, URI, yaml } from './support';

const configMap = (name: string, url: string) => yaml`
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: ${name}
  data:
    application.yml: |
      kestra:
        url: ${url}
        ports: [8443]
`;

const MANIFEST = [
  configMap('first', 'https://one/'),
  configMap('second', 'https://two/'),
  configMap('third', 'https://three/'),
].join('---\n');

/** A rule that counts the documents it checks, to prove which ones were analysed again. */
function countingRule(): DocumentRule & { checked: string[] } {
  const checked: string[] = [];
  return {
    rules: [{ code: 'counting', defaultSeverity: 'hint', summary: 'Counts checks.' }],
    checked,
    check(model) {
      checked.push(model.objects[0]?.name ?? '?');
      return [];
    },
  };
}

function documentsOf(workspace: Workspace) {
  const file = workspace.file(URI);
  assert.ok(file);
  return file.documents;
}

describe('per-document cache', () => {
  test('an edit in one document re-analyses only that document', () => {
    const counting = countingRule();
    const workspace = new Workspace({ documentRules: [misplacedPropertyRule, counting] });
    workspace.setFile(URI, MANIFEST);
    const before = documentsOf(workspace);
    assert.equal(before.length, 3);
    assert.deepEqual(counting.checked, ['first', 'second', 'third']);

    const edited = MANIFEST.replace('https://two/', 'https://two.example.com/');
    workspace.setFile(URI, edited);
    const after = documentsOf(workspace);
    assert.equal(after[0]?.model, before[0]?.model, 'the first document is the same object');
    assert.notEqual(after[1]?.model, before[1]?.model, 'the edited document is new');
    assert.equal(after[2]?.model, before[2]?.model, 'the third document is the same object');
    assert.equal(after[2]?.findings, before[2]?.findings, 'its findings are reused too');
    assert.deepEqual(counting.checked, ['first', 'second', 'third', 'second']);

    // The third document moved down by the length of the edit; its findings follow it.
    assert.equal(after[2]?.offset, (before[2]?.offset ?? 0) + '.example.com'.length);
    assert.deepEqual(
      diagnosticsOf(workspace.diagnose(URI), 'misplaced-property').map((d) => d.range),
      [rangeOf(edited, 'ports', 1), rangeOf(edited, 'ports', 2), rangeOf(edited, 'ports', 3)],
    );
  });

  test('an edit that adds lines above shifts the later documents without analysing them', () => {
    const counting = countingRule();
    const workspace = new Workspace({ documentRules: [misplacedPropertyRule, counting] });
    workspace.setFile(URI, MANIFEST);
    const before = documentsOf(workspace);
    const edited = MANIFEST.replace(
      'name: first\n',
      'name: first\n  labels:\n    app: kestra\n    tier: web\n',
    );
    workspace.setFile(URI, edited);
    const after = documentsOf(workspace);
    assert.equal(after[1]?.model, before[1]?.model);
    assert.equal(after[2]?.model, before[2]?.model);
    assert.deepEqual(counting.checked, ['first', 'second', 'third', 'first']);
    assert.deepEqual(
      diagnosticsOf(workspace.diagnose(URI), 'misplaced-property').map((d) => d.range),
      [rangeOf(edited, 'ports', 1), rangeOf(edited, 'ports', 2), rangeOf(edited, 'ports', 3)],
    );
  });

  test('a new document in front reuses every old one', () => {
    // A document's text includes its own `---` line, so the old first document has one too.
    const marked = `---\n${MANIFEST}`;
    const workspace = new Workspace();
    workspace.setFile(URI, marked);
    const before = documentsOf(workspace);
    workspace.setFile(URI, `${configMap('zero', 'https://zero/')}${marked}`);
    const after = documentsOf(workspace);
    assert.equal(after.length, 4);
    assert.deepEqual(
      after.slice(1).map((document) => document.model),
      before.map((document) => document.model),
    );
    for (let i = 0; i < 3; i++) {
      assert.equal(after[i + 1]?.model, before[i]?.model);
    }
  });

  test('setting the same text again keeps the whole analysis', () => {
    const workspace = new Workspace();
    workspace.setFile(URI, MANIFEST);
    const before = workspace.file(URI);
    workspace.setFile(URI, `${MANIFEST}`);
    assert.equal(workspace.file(URI), before);
  });

  test('an edit elsewhere in a compose file keeps the parsed KESTRA_CONFIGURATION', () => {
    const compose = (image: string) =>
      lines(
        'services:',
        '  kestra:',
        `    image: ${image}`,
        '    environment:',
        '      KESTRA_CONFIGURATION: |',
        '        kestra:',
        '          url: https://k/',
      );
    const workspace = new Workspace();
    workspace.setFile(URI, compose('kestra/kestra:v1.0'));
    const before = documentsOf(workspace)[0]?.model.configs[0];
    workspace.setFile(URI, compose('kestra/kestra:v1.1'));
    const after = documentsOf(workspace)[0]?.model.configs[0];
    assert.ok(before && after);
    assert.notEqual(after, before, 'the document was analysed again');
    assert.equal(after.root, before.root, 'but its configuration was not parsed again');
  });

  test('deleting a file forgets it', () => {
    const workspace = new Workspace();
    workspace.setFile(URI, MANIFEST);
    assert.ok(workspace.hasFile(URI));
    workspace.deleteFile(URI);
    assert.equal(workspace.hasFile(URI), false);
    assert.equal(workspace.file(URI), undefined);
    assert.deepEqual(workspace.diagnose(URI), []);
  });

  test('a rule that throws is isolated and reported in failures', () => {
    const broken: DocumentRule = {
      rules: [{ code: 'broken', defaultSeverity: 'error', summary: 'Always throws.' }],
      check() {
        throw new Error('boom');
      },
    };
    const workspace = new Workspace({ documentRules: [broken, misplacedPropertyRule] });
    workspace.setFile(URI, MANIFEST);
    assert.equal(workspace.failures(URI).length, 3);
    assert.match(workspace.failures(URI)[0] ?? '', /^broken: Error: boom/);
    assert.equal(diagnosticsOf(workspace.diagnose(URI), 'misplaced-property').length, 3);
  });

  test('settings change severities and turn rules off', () => {
    const workspace = new Workspace({ documentRules: [misplacedPropertyRule] });
    workspace.setFile(URI, MANIFEST);
    const hints = diagnosticsOf(
      workspace.diagnose(URI, { 'misplaced-property': 'hint' }),
      'misplaced-property',
    );
    assert.deepEqual(
      hints.map((d) => d.severity),
      ['hint', 'hint', 'hint'],
    );
    assert.deepEqual(
      diagnosticsOf(workspace.diagnose(URI, { 'misplaced-property': 'off' }), 'misplaced-property'),
      [],
    );
  });
});
