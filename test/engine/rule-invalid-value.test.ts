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

describe('invalid-value', () => {
  test('a port that is not a number is reported on the value inside the block scalar', () => {
    const text = composeWithConfiguration(yaml`
      micronaut:
        server:
          ssl:
            port: eighty
    `);
    const diagnostic = onlyDiagnostic(schemaDiagnostics(text), 'invalid-value');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'eighty'));
    assert.equal(diagnostic.severity, 'error');
    assert.deepEqual(diagnostic.data, { path: 'micronaut.server.ssl.port' });
    assert.match(diagnostic.message, /fails at start-up/);
    assert.match(diagnostic.message, /from -1 to 65535/);
  });

  test('ports are checked against their range; quoted numbers and -1 are fine', () => {
    const text = yaml`
      micronaut:
        server:
          port: "8080"
          ssl:
            port: -1
      endpoints:
        all:
          port: 70000
    `;
    const diagnostic = onlyDiagnostic(schemaDiagnostics(text), 'invalid-value');
    assert.deepEqual(diagnostic.range, rangeOf(text, '70000'));
    assert.equal(diagnostic.data?.path, 'endpoints.all.port');
  });

  test('client-authentication takes NEED or WANT in any case', () => {
    const clean = yaml`
      micronaut:
        server:
          ssl:
            client-authentication: want
        ssl:
          clientAuthentication: Need
        http:
          client:
            ssl:
              client-authentication: WANT
    `;
    assert.deepEqual(schemaDiagnostics(clean), []);
    const text = clean.replace('Need', 'maybe');
    const diagnostic = onlyDiagnostic(schemaDiagnostics(text), 'invalid-value');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'maybe'));
    assert.deepEqual(diagnostic.data, {
      path: 'micronaut.ssl.client-authentication',
      allowed: ['NEED', 'WANT'],
    });
  });

  test('booleans take what Micronaut reads as true or false; anything else is reported', () => {
    const clean = yaml`
      micronaut:
        server:
          dual-protocol: "true"
          http-to-https-redirect: yes
          ssl:
            enabled: on
            build-self-signed: off
    `;
    assert.deepEqual(schemaDiagnostics(clean), []);
    const text = clean.replace('enabled: on', 'enabled: active');
    const diagnostic = onlyDiagnostic(schemaDiagnostics(text), 'invalid-value');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'active'));
    assert.deepEqual(diagnostic.data?.allowed, ['true', 'false']);
    assert.match(diagnostic.message, /reads anything but true, yes, y or on as false/);
  });

  test('a value with a placeholder is never a type error', () => {
    const text = yaml`
      micronaut:
        server:
          port: \${HTTP_PORT}
          ssl:
            enabled: \${SSL_ENABLED:true}
            port: \${SSL_PORT:8443}
            client-authentication: \${CLIENT_AUTH}
            protocols:
              - \${TLS_PROTOCOL}
      kestra:
        server:
          basic-auth:
            username: \${ADMIN_USER}
    `;
    assert.deepEqual(schemaDiagnostics(text), []);
  });

  test('values that compose or Kubernetes substitute first are not checked', () => {
    const text = yaml`
      services:
        kestra:
          image: kestra/kestra:latest
          environment:
            MICRONAUT_SERVER_SSL_PORT: $SSL_PORT
            KESTRA_CONFIGURATION: |
              micronaut:
                server:
                  port: $HTTP_PORT
                  ssl:
                    enabled: $(SSL_ENABLED)
    `;
    assert.deepEqual(schemaDiagnostics(text), []);
  });

  test('a number is not a boolean to Micronaut', () => {
    const text = yaml`
      micronaut:
        server:
          dual-protocol: 1
    `;
    const diagnostic = onlyDiagnostic(schemaDiagnostics(text), 'invalid-value');
    assert.deepEqual(diagnostic.range, rangeOf(text, '1'));
    assert.match(diagnostic.message, /does not read it as true or false/);
  });

  test('the basic-auth user name must be an email address as Kestra checks it', () => {
    const clean = yaml`
      kestra:
        server:
          basic-auth:
            username: admin@localhost
            password: Passw0rd!
    `;
    assert.deepEqual(schemaDiagnostics(clean), []);
    const text = clean.replace('admin@localhost', 'admin');
    const diagnostic = onlyDiagnostic(schemaDiagnostics(text), 'invalid-value');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'admin'));
    assert.match(diagnostic.message, /email address/);
  });

  test('a secret is never repeated in a message', () => {
    const secret = `S3cret${'x'.repeat(300)}`;
    const text = `kestra:\n  server:\n    basic-auth:\n      password: ${secret}\n`;
    const diagnostic = onlyDiagnostic(schemaDiagnostics(text), 'invalid-value');
    assert.deepEqual(diagnostic.range, rangeOf(text, secret));
    assert.doesNotMatch(diagnostic.message, /S3cret/);
  });

  test('repository and queue types are the ones Kestra loads, case included', () => {
    const text = yaml`
      kestra:
        repository:
          type: Postgres
        queue:
          type: postgres
        storage:
          type: local
    `;
    const diagnostic = onlyDiagnostic(schemaDiagnostics(text), 'invalid-value');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'Postgres'));
    assert.deepEqual(diagnostic.data?.allowed, [
      'postgres',
      'mysql',
      'h2',
      'memory',
      'elasticsearch',
    ]);
  });

  test('a single value where settings belong is reported', () => {
    const text = yaml`
      micronaut:
        server:
          ssl: true
    `;
    const diagnostic = onlyDiagnostic(schemaDiagnostics(text), 'invalid-value');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'true'));
    assert.match(diagnostic.message, /holds settings, not a single value/);
  });

  test('lists take a YAML sequence or a comma-separated string, and durations their units', () => {
    const clean = yaml`
      micronaut:
        server:
          ssl:
            protocols: TLSv1.3,TLSv1.2
            ciphers:
              - TLS_AES_256_GCM_SHA384
            handshake-timeout: 30s
        http:
          client:
            ssl:
              handshake-timeout: PT15S
    `;
    assert.deepEqual(schemaDiagnostics(clean), []);
    const text = clean.replace('30s', '30 seconds');
    assert.deepEqual(
      onlyDiagnostic(schemaDiagnostics(text), 'invalid-value').range,
      rangeOf(text, '30 seconds'),
    );
  });

  test('environment variables, -D options and --port are checked at their values', () => {
    const environment = composeWithEnvironment(
      '      MICRONAUT_SERVER_SSL_PORT: abc\n' +
        '      MICRONAUT_SERVER_SSL_ENABLED: "1"\n' +
        '      JAVA_OPTS: -Dmicronaut.server.ssl.client-authentication=maybe\n',
    );
    const text = `${environment}    command: server standalone --port http\n`;
    const diagnostics = diagnosticsOf(schemaDiagnostics(text), 'invalid-value');
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.range, diagnostic.data?.path]),
      [
        [rangeOf(text, 'abc'), 'micronaut.server.ssl.port'],
        [rangeOf(text, '"1"'), 'micronaut.server.ssl.enabled'],
        [rangeOf(text, 'maybe'), 'micronaut.server.ssl.client-authentication'],
        [rangeOf(text, 'http'), 'micronaut.server.port'],
      ],
    );
    assert.match(diagnostics[0]?.message ?? '', /set by `MICRONAUT_SERVER_SSL_PORT`/);
  });

  test('valid environment variables are clean', () => {
    const text = composeWithEnvironment(
      '      MICRONAUT_SERVER_SSL_PORT: "8443"\n' +
        '      MICRONAUT_SERVER_SSL_ENABLED: "true"\n' +
        '      MICRONAUT_SERVER_SSL_CLIENT_AUTHENTICATION: need\n' +
        '      KESTRA_SERVER_BASIC_AUTH_USERNAME: admin@example.com\n',
    );
    assert.deepEqual(schemaDiagnostics(text), []);
  });

  test('Helm values are checked inside configurations.application', () => {
    const text = yaml`
      configurations:
        application:
          micronaut:
            server:
              ssl:
                enabled: true
                port: 844e
    `;
    assert.deepEqual(
      onlyDiagnostic(schemaDiagnostics(text), 'invalid-value').range,
      rangeOf(text, '844e'),
    );
  });
});
