import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Range } from '../../server/src/engine/index';
import { yamlSyntaxRule } from '../../server/src/engine/rules/yaml-syntax';
import { crlf, diagnose, diagnosticsOf, lines, rangeOf, yaml } from './support';

/** The yaml-syntax diagnostics of a file, with only this rule's document checks. */
function findings(text: string) {
  return diagnosticsOf(diagnose(text, [yamlSyntaxRule]), 'yaml-syntax');
}

/** The range of the first character of `needle`. */
function firstCharacter(text: string, needle: string, occurrence = 1): Range {
  const { start } = rangeOf(text, needle, occurrence);
  return { start, end: { line: start.line, character: start.character + 1 } };
}

/** The range of the last character of `needle`. */
function lastCharacter(text: string, needle: string): Range {
  const { end } = rangeOf(text, needle);
  return { start: { line: end.line, character: end.character - 1 }, end };
}

function compose(header: string, body: string): string {
  const service = lines('services:', '  kestra:', '    image: kestra/kestra', '    environment:');
  return `${service}      KESTRA_CONFIGURATION: ${header}\n${body}`;
}

describe('yaml-syntax in the file itself', () => {
  test('a key indented off the column of its siblings', () => {
    const text = yaml`
      micronaut:
        server:
          port: 8443
         ssl:
          enabled: true
    `;
    const diagnostics = findings(text);
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.range.start),
      [rangeOf(text, 'ssl').start],
    );
    assert.equal(diagnostics[0]?.severity, 'error');
    assert.equal(diagnostics[0]?.code, 'yaml-syntax');
    assert.doesNotMatch(diagnostics[0]?.message ?? '', /\n/);
  });

  test('an unclosed quote in a compose file is shown where it runs out', () => {
    const text = 'services:\n  kestra:\n    image: "kestra/kestra\n';
    assert.deepEqual(
      findings(text).map((diagnostic) => diagnostic.range),
      [lastCharacter(text, 'kestra/kestra')],
    );
  });

  test('a tab used as indentation', () => {
    const text = 'kestra:\n\turl: x\n';
    const [diagnostic] = findings(text);
    assert.equal(diagnostic?.range.start.line, 1);
  });

  test('a duplicate key is not a syntax error (duplicate-property reports it)', () => {
    assert.deepEqual(findings('kestra:\n  url: a\n  url: b\n'), []);
  });

  test('clean: a valid configuration', () => {
    assert.deepEqual(findings('micronaut:\n  server:\n    port: 8443\n'), []);
  });

  test('a Kubernetes manifest unrelated to Kestra is not reported, one about Kestra is', () => {
    const unrelated =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {app: web\n';
    assert.deepEqual(findings(unrelated), []);
    const related =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: kestra\n  labels: {app: kestra\n';
    assert.deepEqual(
      findings(related).map((diagnostic) => diagnostic.range),
      [lastCharacter(related, '{app: kestra')],
    );
  });
});

describe('yaml-syntax inside embedded configuration', () => {
  for (const header of ['|', '|-', '|+', '>-', '|2']) {
    test(`block ${header}: the error points into the block, at the key`, () => {
      const body =
        '        micronaut:\n          server:\n            port: 8443\n           ssl: x\n';
      const text = compose(header, body);
      const diagnostics = findings(text);
      assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
      assert.deepEqual(diagnostics[0]?.range.start, rangeOf(text, 'ssl').start);
      assert.match(
        diagnostics[0]?.message ?? '',
        /^KESTRA_CONFIGURATION is not valid YAML, so Kestra fails at start-up: /,
      );
    });
  }

  test('an unclosed bracket is shown on the last character of the block', () => {
    const text = compose('|', '        kestra:\n          url: [unclosed\n\n      TZ: UTC\n');
    assert.deepEqual(
      findings(text).map((diagnostic) => diagnostic.range),
      [lastCharacter(text, '[unclosed')],
    );
  });

  test('a tab inside a block is shown on the tab', () => {
    const text = compose('|', '        kestra:\n          url:\n          \t- x\n');
    const diagnostics = findings(text);
    assert.ok(diagnostics.length >= 1);
    assert.deepEqual(diagnostics[0]?.range.start, rangeOf(text, '\t').start);
  });

  test('inside a double-quoted configuration with escapes', () => {
    const text = compose('"kestra:\\n  url: x\\n bad: [\\n"', '');
    assert.deepEqual(
      findings(text).map((diagnostic) => diagnostic.range),
      [firstCharacter(text, 'bad'), firstCharacter(text, '[')],
    );
  });

  test('CRLF file with an emoji before the error on its line', () => {
    const text = crlf(
      compose('|', '        kestra:\n          url: "😀"\n          tags: {a: 1\n'),
    );
    assert.deepEqual(
      findings(text).map((diagnostic) => diagnostic.range),
      [lastCharacter(text, '{a: 1')],
    );
    const emoji = crlf(compose('|', '        kestra: {url: "😀", x: [}\n'));
    const [diagnostic] = findings(emoji);
    assert.ok(diagnostic);
    assert.equal(diagnostic.range.start.line, 5);
    const line = emoji.split('\r\n')[5] ?? '';
    assert.ok(diagnostic.range.start.character >= line.indexOf('x: ['), line);
  });

  test('in a Helm value string and a ConfigMap entry', () => {
    const values = 'configurations:\n  application: |\n    kestra:\n      url: x\n     bad: y\n';
    assert.deepEqual(
      findings(values).map((diagnostic) => diagnostic.range),
      [firstCharacter(values, 'bad')],
    );
    const manifest = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: kestra
      data:
        application.yml: |
          kestra:
            url: x
           bad: y
    `;
    const [diagnostic] = findings(manifest);
    assert.deepEqual(diagnostic?.range, firstCharacter(manifest, 'bad'));
    assert.match(diagnostic?.message ?? '', /^kestra\/application\.yml is not valid YAML/);
  });

  test('clean: valid embedded configuration in every form', () => {
    const text = compose(
      '>-',
      '        kestra:\n          url: https://k/\n      OTHER: "a: [b]"\n',
    );
    assert.deepEqual(findings(text), []);
  });
});
