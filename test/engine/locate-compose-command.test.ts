import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { composeWithEnvironment, lines, onlyContainer, spanText, yaml } from './support';

describe('compose: properties from JAVA_OPTS, _JAVA_OPTIONS and MICRONAUT_*', () => {
  test('-D options become properties with exact spans; other JVM flags are skipped', () => {
    const text = composeWithEnvironment(
      '      JAVA_OPTS: "-Xmx2g -Djavax.net.ssl.trustStore=/app/ssl/truststore.jks ' +
        '-Dmicronaut.server.ssl.keyStore.path=file:/k.p12"\n',
    );
    const properties = onlyContainer(text).properties;
    assert.deepEqual(
      properties.map((property) => [property.path, property.value, property.origin]),
      [
        ['javax.net.ssl.trustStore', '/app/ssl/truststore.jks', 'java-options'],
        ['micronaut.server.ssl.key-store.path', 'file:/k.p12', 'java-options'],
      ],
    );
    const trust = properties[0];
    assert.ok(trust);
    assert.equal(trust.key, '-Djavax.net.ssl.trustStore');
    assert.equal(spanText(text, trust.keySpan), '-Djavax.net.ssl.trustStore');
    assert.equal(spanText(text, trust.valueSpan), '/app/ssl/truststore.jks');
  });

  test('_JAVA_OPTIONS in list form, and a -D option without a value', () => {
    const text = composeWithEnvironment(
      '      - _JAVA_OPTIONS=-Djavax.net.debug -Dkestra.url=https://k\n',
    );
    const properties = onlyContainer(text).properties;
    assert.deepEqual(
      properties.map((property) => [property.path, property.value]),
      [
        ['javax.net.debug', ''],
        ['kestra.url', 'https://k'],
      ],
    );
    assert.equal(spanText(text, properties[1]?.valueSpan ?? { start: 0, end: 0 }), 'https://k');
  });

  test('JAVA_OPTS in a folded block keeps exact spans', () => {
    const text = composeWithEnvironment(
      '      JAVA_OPTS: >-\n        -Xms1g\n        -Djavax.net.ssl.trustStorePassword=changeit\n',
    );
    const [property] = onlyContainer(text).properties;
    assert.ok(property);
    assert.equal(property.path, 'javax.net.ssl.trustStorePassword');
    assert.equal(spanText(text, property.valueSpan), 'changeit');
  });

  test('MICRONAUT_* variables bind by relaxed binding', () => {
    const text = composeWithEnvironment(
      '      MICRONAUT_SERVER_SSL_PORT: "8443"\n      MICRONAUT_SERVER_SSL_ENABLED: true\n',
    );
    const properties = onlyContainer(text).properties;
    assert.deepEqual(
      properties.map((property) => [property.path, property.key, property.value, property.origin]),
      [
        ['micronaut.server.ssl.port', 'MICRONAUT_SERVER_SSL_PORT', '8443', 'environment'],
        ['micronaut.server.ssl.enabled', 'MICRONAUT_SERVER_SSL_ENABLED', 'true', 'environment'],
      ],
    );
    const port = properties[0];
    assert.ok(port);
    assert.equal(spanText(text, port.keySpan), 'MICRONAUT_SERVER_SSL_PORT');
    assert.equal(spanText(text, port.valueSpan), '"8443"');
  });

  test('an underscore inside a key name binds to a dash, as the schemas know the key', () => {
    const text = composeWithEnvironment(
      lines(
        '      MICRONAUT_SERVER_SSL_KEY_STORE_PATH: file:/app/ssl/server.p12',
        '      MICRONAUT_SERVER_SSL_CLIENT_AUTHENTICATION: want',
      ),
    );
    assert.deepEqual(
      onlyContainer(text).properties.map((property) => property.path),
      ['micronaut.server.ssl.key-store.path', 'micronaut.server.ssl.client-authentication'],
    );
  });

  test('MICRONAUT_* in list form', () => {
    const text = composeWithEnvironment('      - MICRONAUT_SERVER_SSL_PORT=8443\n');
    const [property] = onlyContainer(text).properties;
    assert.ok(property);
    assert.equal(property.path, 'micronaut.server.ssl.port');
    assert.equal(spanText(text, property.keySpan), 'MICRONAUT_SERVER_SSL_PORT');
    assert.equal(spanText(text, property.valueSpan), '8443');
  });

  test('variables that are not properties stay out of them', () => {
    const text = composeWithEnvironment(
      lines(
        '      KESTRA_PLUGINS: io.kestra.plugin:plugin-a:LATEST',
        '      TZ: UTC',
        '      NODE_OPTIONS: x',
      ),
    );
    assert.deepEqual(onlyContainer(text).properties, []);
  });
});

describe('compose: command', () => {
  test('a string command: words, server command, --port and -c', () => {
    const text = yaml`
      services:
        kestra:
          image: kestra/kestra
          command: server standalone --port 8444 -c /app/application.yml --worker-thread=128
    `;
    const container = onlyContainer(text);
    assert.ok(container.command);
    assert.deepEqual(container.command.words, [
      'server',
      'standalone',
      '--port',
      '8444',
      '-c',
      '/app/application.yml',
      '--worker-thread=128',
    ]);
    assert.equal(container.command.serverCommand, 'standalone');
    assert.deepEqual(
      container.command.configFiles.map((file) => [file.path, spanText(text, file.span)]),
      [['/app/application.yml', '/app/application.yml']],
    );
    assert.deepEqual(
      container.properties.map((property) => [property.path, property.value, property.origin]),
      [['micronaut.server.port', '8444', 'command-line']],
    );
    assert.equal(
      spanText(text, container.properties[0]?.valueSpan ?? { start: 0, end: 0 }),
      '8444',
    );
    assert.equal(
      spanText(text, container.command.span),
      'server standalone --port 8444 -c /app/application.yml --worker-thread=128',
    );
  });

  test('a list command with --port= and --config=', () => {
    const text = yaml`
      services:
        kestra:
          image: kestra/kestra
          command: ["server", "webserver", "--port=8081", "--config=/etc/kestra.yml"]
    `;
    const container = onlyContainer(text);
    assert.equal(container.command?.serverCommand, 'webserver');
    assert.deepEqual(
      container.command?.configFiles.map((file) => file.path),
      ['/etc/kestra.yml'],
    );
    const [port] = container.properties;
    assert.equal(port?.value, '8081');
    assert.equal(spanText(text, port?.valueSpan ?? { start: 0, end: 0 }), '8081');
  });

  test('a shell script after -c is read as the command it runs', () => {
    const text = yaml`
      services:
        kestra:
          image: kestra/kestra
          entrypoint: /bin/bash
          command:
            - -c
            - /app/kestra server standalone --worker-thread=128 -c config.yaml
    `;
    const command = onlyContainer(text).command;
    assert.ok(command);
    assert.equal(command.serverCommand, 'standalone');
    assert.deepEqual(
      command.configFiles.map((file) => [file.path, spanText(text, file.span)]),
      [['config.yaml', 'config.yaml']],
    );
  });

  test('a multi-line shell script in a block scalar', () => {
    const text = yaml`
      services:
        kestra:
          image: kestra/kestra
          entrypoint: /bin/bash
          command:
            - -c
            - |
              curl -s -o /tmp/x.zip https://example.com/x.zip && \
              /app/kestra server standalone --port 8090
    `;
    const container = onlyContainer(text);
    assert.equal(container.command?.serverCommand, 'standalone');
    assert.equal(
      spanText(text, container.properties[0]?.valueSpan ?? { start: 0, end: 0 }),
      '8090',
    );
    assert.deepEqual(container.command?.configFiles, []);
  });
});

describe('compose: command, shell forms', () => {
  test('a string command that runs a quoted shell script', () => {
    const text = yaml`
      services:
        kestra:
          image: kestra/kestra
          command: bash -c "exec /app/kestra server executor -c '/app/my conf.yml'"
    `;
    const command = onlyContainer(text).command;
    assert.equal(command?.serverCommand, 'executor');
    assert.deepEqual(
      command?.configFiles.map((file) => [file.path, spanText(text, file.span)]),
      [['/app/my conf.yml', '/app/my conf.yml']],
    );
  });

  test('a Kubernetes-style split of sh -c between command and args', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: kestra
      spec:
        containers:
          - name: kestra
            image: kestra/kestra:v1.0
            command: [sh, -c]
            args: ["exec /app/kestra server standalone --port=8444"]
    `;
    const container = onlyContainer(text);
    assert.equal(container.command?.serverCommand, 'standalone');
    assert.equal(
      spanText(text, container.properties[0]?.valueSpan ?? { start: 0, end: 0 }),
      '8444',
    );
  });
});
