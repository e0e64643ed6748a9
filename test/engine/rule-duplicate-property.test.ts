import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { duplicatePropertyRule } from '../../server/src/engine/rules/duplicate-property';
import { crlf, diagnose, diagnosticsOf, lines, rangeOf, yaml } from './support';

/** The duplicate-property diagnostics of a file, with only this rule's document checks. */
function findings(text: string) {
  return diagnosticsOf(diagnose(text, [duplicatePropertyRule]), 'duplicate-property');
}

function compose(configuration: string): string {
  const body = configuration
    .split('\n')
    .map((line) => (line === '' ? '' : `        ${line}`))
    .join('\n');
  const service = lines('services:', '  kestra:', '    image: kestra/kestra', '    environment:');
  return `${service}      KESTRA_CONFIGURATION: |\n${body}\n`;
}

describe('duplicate-property', () => {
  test('keyStore and key-store in one mapping', () => {
    const text = compose(yaml`
      micronaut:
        server:
          ssl:
            keyStore:
              path: file:/app/ssl/a.p12
            key-store:
              path: file:/app/ssl/b.p12
    `);
    const diagnostics = findings(text);
    assert.equal(diagnostics.length, 1);
    const [diagnostic] = diagnostics;
    assert.deepEqual(diagnostic?.range, rangeOf(text, 'key-store'));
    assert.equal(diagnostic?.severity, 'warning');
    assert.match(diagnostic?.message ?? '', /`key-store` and `keyStore`/);
    assert.match(diagnostic?.message ?? '', /KESTRA_CONFIGURATION/);
    assert.deepEqual(diagnostic?.data, { key: 'key-store', duplicateOf: 'keyStore' });
  });

  test('the same key twice', () => {
    const text = yaml`
      kestra:
        url: http://localhost:8080/
        queue:
          type: postgres
        url: https://kestra.example.com/
    `;
    const diagnostics = findings(text);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.range, diagnostic.data]),
      [[rangeOf(text, 'url', 2), { key: 'url', duplicateOf: 'url' }]],
    );
  });

  test('a mapping written twice is reported once, not once for each key inside', () => {
    const text = yaml`
      micronaut:
        server:
          port: 8080
      micronaut:
        server:
          port: 8443
    `;
    assert.deepEqual(
      findings(text).map((diagnostic) => diagnostic.range),
      [rangeOf(text, 'micronaut', 2)],
    );
  });

  test('a dotted key and a nested key that set the same property', () => {
    const text = yaml`
      micronaut.server.ssl.enabled: true
      micronaut:
        server:
          ssl:
            enabled: false
    `;
    const diagnostics = findings(text);
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.range),
      [rangeOf(text, 'enabled', 2)],
    );
    assert.deepEqual(diagnostics[0]?.data, {
      key: 'enabled',
      duplicateOf: 'micronaut.server.ssl.enabled',
    });
  });

  test('camelCase and kebab-case leaves through different dotted spellings', () => {
    const text = yaml`
      micronaut:
        server.ssl.clientAuthentication: want
        server:
          ssl:
            client-authentication: need
    `;
    assert.deepEqual(
      findings(text).map((diagnostic) => diagnostic.range),
      [rangeOf(text, 'client-authentication')],
    );
  });

  test('in a Kubernetes ConfigMap, a Helm value and a CRLF file with an emoji', () => {
    const manifest = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: kestra
      data:
        application.yml: |
          micronaut:
            server:
              port: 8080
              port: 8081
    `;
    assert.deepEqual(
      findings(manifest).map((diagnostic) => diagnostic.range),
      [rangeOf(manifest, 'port', 2)],
    );
    const values = crlf(yaml`
      configurations:
        application:
          kestra:
            url: "https://😀.example/"
            url: https://kestra.example.com/
    `);
    assert.deepEqual(
      findings(values).map((diagnostic) => diagnostic.range),
      [rangeOf(values, 'url', 2)],
    );
  });

  test('clean: different keys, the same key in different mappings, lists', () => {
    const text = compose(yaml`
      micronaut:
        server:
          port: 8080
          ssl:
            port: 8443
            key-store:
              path: file:/k.p12
            trust-store:
              path: file:/t.p12
      kestra:
        plugins:
          configurations:
            - type: a
              values: {enabled: true}
            - type: b
              values: {enabled: true}
    `);
    assert.deepEqual(findings(text), []);
  });
});
