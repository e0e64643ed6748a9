import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  composeWithConfiguration,
  composeWithEnvironment,
  diagnosticsOf,
  onlyDiagnostic,
  rangeOf,
  schemaDiagnostics,
  yaml,
} from './support';

describe('unknown-property', () => {
  test('a misspelt key in KESTRA_CONFIGURATION is reported on the key, with a suggestion', () => {
    const text = composeWithConfiguration(yaml`
      micronaut:
        server:
          ssl:
            enabled: true
            keystore:
              path: file:/app/ssl/server.p12
    `);
    const diagnostic = onlyDiagnostic(schemaDiagnostics(text), 'unknown-property');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'keystore'));
    assert.equal(diagnostic.severity, 'warning');
    assert.deepEqual(diagnostic.data, {
      key: 'keystore',
      path: 'micronaut.server.ssl.keystore',
      suggestion: 'key-store',
    });
    assert.match(diagnostic.message, /Did you mean `key-store`\?/);
  });

  test('a typo in a dotted camelCase key points at the wrong segment only', () => {
    const text = yaml`
      micronaut:
        server:
          ssl:
            trustStore.pasword: changeit
    `;
    const diagnostic = onlyDiagnostic(schemaDiagnostics(text), 'unknown-property');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'pasword'));
    assert.deepEqual(diagnostic.data, {
      key: 'pasword',
      path: 'micronaut.server.ssl.trust-store.pasword',
      suggestion: 'password',
    });
  });

  test('suggestions follow the spelling the user chose', () => {
    const text = yaml`
      micronaut:
        http:
          client:
            ssl:
              keyStor:
                path: file:/app/ssl/client.p12
              insecureTrustAllCertificate: true
    `;
    const suggestions = diagnosticsOf(schemaDiagnostics(text), 'unknown-property').map(
      (diagnostic) => diagnostic.data?.suggestion,
    );
    assert.deepEqual(suggestions, ['keyStore', 'insecureTrustAllCertificates']);
  });

  test('a Spring Boot style flat key is pointed at the nested key', () => {
    const text = yaml`
      micronaut:
        server.ssl:
          key-store-password: changeit
    `;
    const diagnostic = onlyDiagnostic(schemaDiagnostics(text), 'unknown-property');
    assert.equal(diagnostic.data?.suggestion, 'key-store.password');
  });

  test('without a close match, the message lists the keys that exist', () => {
    const text = yaml`
      kestra:
        server:
          basic-auth:
            user: admin@example.com
    `;
    const diagnostic = onlyDiagnostic(schemaDiagnostics(text), 'unknown-property');
    assert.equal(diagnostic.data?.suggestion, undefined);
    assert.match(diagnostic.message, /Known settings here: enabled, username, password, realm/);
  });

  test('an unknown segment written in two dotted keys is reported at both', () => {
    const text = yaml`
      micronaut:
        server.ssl.keystore.path: file:/app/ssl/server.p12
        server.ssl.keystore.password: changeit
    `;
    const ranges = diagnosticsOf(schemaDiagnostics(text), 'unknown-property').map((d) => d.range);
    assert.deepEqual(ranges, [rangeOf(text, 'keystore', 1), rangeOf(text, 'keystore', 2)]);
  });

  test('keys outside the fully modelled blocks are never reported', () => {
    const text = yaml`
      micronaut:
        server:
          max-request-size: 10GB
          cors:
            enabled: true
          netty:
            access-logger:
              enabled: true
          ssl:
            clientAuthentication: want
            keyStore:
              path: file:/app/ssl/server.p12
        http:
          client:
            read-timeout: 60s
        security:
          token:
            jwt:
              enabled: true
          csrf:
            token-resolvers:
              header: true
      endpoints:
        health:
          details-visible: ANONYMOUS
      kestra:
        tutorial-flows:
          enabled: false
        storage:
          type: s3
          s3:
            bucket: flows
      datasources:
        postgres:
          maximum-pool-size: 20
    `;
    assert.deepEqual(schemaDiagnostics(text), []);
  });

  test('indexed list keys and YAML merge keys are not unknown', () => {
    const text = yaml`
      micronaut:
        server:
          ssl:
            <<: *defaults
            protocols[0]: TLSv1.3
            ciphers[1]: TLS_AES_128_GCM_SHA256
    `;
    assert.deepEqual(schemaDiagnostics(text.replace('*defaults', '{}')), []);
    const options = composeWithEnvironment(
      '      JAVA_OPTS: -Dmicronaut.server.ssl.protocols[0]=TLSv1.3 -Dmicronaut.ssl.enabled=yes\n',
    );
    assert.deepEqual(schemaDiagnostics(options), []);
  });

  test('an unknown key in a -D option is reported on its segment', () => {
    const text = composeWithEnvironment(
      '      JAVA_OPTS: -Xmx1g -Dmicronaut.server.ssl.keystore.path=/app/ssl/server.p12\n',
    );
    const diagnostic = onlyDiagnostic(schemaDiagnostics(text), 'unknown-property');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'keystore'));
    assert.equal(diagnostic.data?.suggestion, 'key-store');
  });

  test('environment variables are not reported, as their names map to keys by guesswork', () => {
    const text = composeWithEnvironment(
      '      MICRONAUT_SERVER_SSL_KEYSTORE_PATH: /app/ssl/server.p12\n',
    );
    assert.deepEqual(schemaDiagnostics(text), []);
  });
});
