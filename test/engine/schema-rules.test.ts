import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  composeWithConfiguration,
  diagnose,
  diagnosticsOf,
  onlyDiagnostic,
  rangeOf,
  schemaDiagnostics,
  yaml,
} from './support';

describe('deprecated-property', () => {
  test('micronaut.ssl.port is reported on its key with its replacement', () => {
    const text = yaml`
      micronaut:
        ssl:
          enabled: true
          port: 8443
    `;
    const diagnostic = onlyDiagnostic(schemaDiagnostics(text), 'deprecated-property');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'port'));
    assert.equal(diagnostic.severity, 'warning');
    assert.deepEqual(diagnostic.data, {
      path: 'micronaut.ssl.port',
      replacement: 'micronaut.server.ssl.port',
    });
  });

  test('a dotted key and an environment variable are reported too', () => {
    const text = composeWithConfiguration(
      'micronaut.ssl.buildSelfSigned: true\n',
      '      MICRONAUT_SSL_PORT: "8443"\n',
    );
    const diagnostics = diagnosticsOf(schemaDiagnostics(text), 'deprecated-property');
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.range, diagnostic.data?.replacement]),
      [
        [rangeOf(text, 'MICRONAUT_SSL_PORT'), 'micronaut.server.ssl.port'],
        [rangeOf(text, 'buildSelfSigned'), 'micronaut.server.ssl.build-self-signed'],
      ],
    );
  });

  test('the keys that replace them, and the rest of micronaut.ssl, are clean', () => {
    const text = yaml`
      micronaut:
        ssl:
          enabled: true
          key-store:
            path: file:/app/ssl/server.p12
        server:
          ssl:
            port: 8443
            build-self-signed: false
    `;
    assert.deepEqual(schemaDiagnostics(text), []);
  });
});

describe('schema rules in the default rule set', () => {
  test('the workspace runs them without being told', () => {
    const text = yaml`
      micronaut:
        server:
          ssl:
            port: abc
    `;
    assert.equal(diagnosticsOf(diagnose(text), 'invalid-value').length, 1);
  });

  test('a YAML file that is not Kestra configuration gets nothing', () => {
    const text = yaml`
      server:
        ssl:
          keystore: x
    `;
    assert.deepEqual(schemaDiagnostics(text), []);
  });
});
