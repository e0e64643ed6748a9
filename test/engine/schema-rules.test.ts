import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EngineDiagnostic } from '../../server/src/engine/index';
import { schemaValidationRule } from '../../server/src/engine/rules/schema-validation';
import { diagnose, diagnosticsOf, rangeOf, yaml } from './support';

const CODES = schemaValidationRule.rules.map((rule) => rule.code);

/** The diagnostics of the schema rule alone; rules across documents run in any workspace. */
function check(text: string): EngineDiagnostic[] {
  return diagnose(text, [schemaValidationRule]).filter((d) => CODES.includes(d.code));
}

/** A compose file whose Kestra service carries `config` as KESTRA_CONFIGURATION. */
function composeWith(config: string, environment = ''): string {
  const block = config
    .split('\n')
    .map((line) => (line === '' ? line : `        ${line}`))
    .join('\n');
  return (
    'services:\n  kestra:\n    image: kestra/kestra:latest\n    environment:\n' +
    `${environment}      KESTRA_CONFIGURATION: |\n${block}\n`
  );
}

/** A compose file whose Kestra service has only the given environment lines. */
function composeEnvironment(lines: string): string {
  return `services:\n  kestra:\n    image: kestra/kestra:latest\n    environment:\n${lines}`;
}

/** The only diagnostic of a code, which must be there. */
function only(diagnostics: EngineDiagnostic[], code: string): EngineDiagnostic {
  const found = diagnosticsOf(diagnostics, code);
  assert.equal(found.length, 1, `one ${code}: ${JSON.stringify(diagnostics, null, 1)}`);
  return found[0] as EngineDiagnostic;
}

describe('unknown-property', () => {
  test('a misspelt key in KESTRA_CONFIGURATION is reported on the key, with a suggestion', () => {
    const text = composeWith(yaml`
      micronaut:
        server:
          ssl:
            enabled: true
            keystore:
              path: file:/app/ssl/server.p12
    `);
    const diagnostic = only(check(text), 'unknown-property');
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
    const diagnostic = only(check(text), 'unknown-property');
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
    const suggestions = diagnosticsOf(check(text), 'unknown-property').map(
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
    const diagnostic = only(check(text), 'unknown-property');
    assert.equal(diagnostic.data?.suggestion, 'key-store.password');
  });

  test('without a close match, the message lists the keys that exist', () => {
    const text = yaml`
      kestra:
        server:
          basic-auth:
            user: admin@example.com
    `;
    const diagnostic = only(check(text), 'unknown-property');
    assert.equal(diagnostic.data?.suggestion, undefined);
    assert.match(diagnostic.message, /Known settings here: enabled, username, password, realm/);
  });

  test('an unknown segment written in two dotted keys is reported at both', () => {
    const text = yaml`
      micronaut:
        server.ssl.keystore.path: file:/app/ssl/server.p12
        server.ssl.keystore.password: changeit
    `;
    const ranges = diagnosticsOf(check(text), 'unknown-property').map((d) => d.range);
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
    assert.deepEqual(check(text), []);
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
    assert.deepEqual(check(text.replace('*defaults', '{}')), []);
    const options = composeEnvironment(
      '      JAVA_OPTS: -Dmicronaut.server.ssl.protocols[0]=TLSv1.3 -Dmicronaut.ssl.enabled=yes\n',
    );
    assert.deepEqual(check(options), []);
  });

  test('an unknown key in a -D option is reported on its segment', () => {
    const text = composeEnvironment(
      '      JAVA_OPTS: -Xmx1g -Dmicronaut.server.ssl.keystore.path=/app/ssl/server.p12\n',
    );
    const diagnostic = only(check(text), 'unknown-property');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'keystore'));
    assert.equal(diagnostic.data?.suggestion, 'key-store');
  });

  test('environment variables are not reported, as their names map to keys by guesswork', () => {
    const text = composeEnvironment(
      '      MICRONAUT_SERVER_SSL_KEYSTORE_PATH: /app/ssl/server.p12\n',
    );
    assert.deepEqual(check(text), []);
  });
});

describe('invalid-value', () => {
  test('a port that is not a number is reported on the value inside the block scalar', () => {
    const text = composeWith(yaml`
      micronaut:
        server:
          ssl:
            port: eighty
    `);
    const diagnostic = only(check(text), 'invalid-value');
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
    const diagnostic = only(check(text), 'invalid-value');
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
    assert.deepEqual(check(clean), []);
    const text = clean.replace('Need', 'maybe');
    const diagnostic = only(check(text), 'invalid-value');
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
    assert.deepEqual(check(clean), []);
    const text = clean.replace('enabled: on', 'enabled: active');
    const diagnostic = only(check(text), 'invalid-value');
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
    assert.deepEqual(check(text), []);
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
    assert.deepEqual(check(text), []);
  });

  test('a number is not a boolean to Micronaut', () => {
    const text = yaml`
      micronaut:
        server:
          dual-protocol: 1
    `;
    const diagnostic = only(check(text), 'invalid-value');
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
    assert.deepEqual(check(clean), []);
    const text = clean.replace('admin@localhost', 'admin');
    const diagnostic = only(check(text), 'invalid-value');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'admin'));
    assert.match(diagnostic.message, /email address/);
  });

  test('a secret is never repeated in a message', () => {
    const secret = `S3cret${'x'.repeat(300)}`;
    const text = `kestra:\n  server:\n    basic-auth:\n      password: ${secret}\n`;
    const diagnostic = only(check(text), 'invalid-value');
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
    const diagnostic = only(check(text), 'invalid-value');
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
    const diagnostic = only(check(text), 'invalid-value');
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
    assert.deepEqual(check(clean), []);
    const text = clean.replace('30s', '30 seconds');
    assert.deepEqual(only(check(text), 'invalid-value').range, rangeOf(text, '30 seconds'));
  });

  test('environment variables, -D options and --port are checked at their values', () => {
    const environment = composeEnvironment(
      '      MICRONAUT_SERVER_SSL_PORT: abc\n' +
        '      MICRONAUT_SERVER_SSL_ENABLED: "1"\n' +
        '      JAVA_OPTS: -Dmicronaut.server.ssl.client-authentication=maybe\n',
    );
    const text = `${environment}    command: server standalone --port http\n`;
    const diagnostics = diagnosticsOf(check(text), 'invalid-value');
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
    const text = composeEnvironment(
      '      MICRONAUT_SERVER_SSL_PORT: "8443"\n' +
        '      MICRONAUT_SERVER_SSL_ENABLED: "true"\n' +
        '      MICRONAUT_SERVER_SSL_CLIENT_AUTHENTICATION: need\n' +
        '      KESTRA_SERVER_BASIC_AUTH_USERNAME: admin@example.com\n',
    );
    assert.deepEqual(check(text), []);
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
    assert.deepEqual(only(check(text), 'invalid-value').range, rangeOf(text, '844e'));
  });
});

describe('deprecated-property', () => {
  test('micronaut.ssl.port is reported on its key with its replacement', () => {
    const text = yaml`
      micronaut:
        ssl:
          enabled: true
          port: 8443
    `;
    const diagnostic = only(check(text), 'deprecated-property');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'port'));
    assert.equal(diagnostic.severity, 'warning');
    assert.deepEqual(diagnostic.data, {
      path: 'micronaut.ssl.port',
      replacement: 'micronaut.server.ssl.port',
    });
  });

  test('a dotted key and an environment variable are reported too', () => {
    const text = composeWith(
      'micronaut.ssl.buildSelfSigned: true\n',
      '      MICRONAUT_SSL_PORT: "8443"\n',
    );
    const diagnostics = diagnosticsOf(check(text), 'deprecated-property');
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
    assert.deepEqual(check(text), []);
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
    assert.deepEqual(check(text), []);
  });
});
