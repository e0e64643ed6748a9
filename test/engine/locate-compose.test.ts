import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConfigTree } from '../../server/src/engine/model/config';
import {
  configKeyText,
  configValueText,
  crlf,
  diagnose,
  diagnosticsOf,
  lines,
  model,
  onlyContainer,
  rangeOf,
  spanText,
  yaml,
} from './support';

/** The only configuration tree of a one-document text. */
function onlyConfig(text: string): ConfigTree {
  const configs = model(text).configs;
  assert.equal(configs.length, 1, 'one configuration tree');
  return configs[0] as ConfigTree;
}

/** A compose file with one Kestra service whose environment holds `environment`. */
function composeWith(environment: string): string {
  return `services:\n  kestra:\n    image: kestra/kestra:latest\n    environment:\n${environment}`;
}

describe('compose: recognised by content', () => {
  test('a top-level services map makes a compose document, whatever the file name', () => {
    const document = model(composeWith('      A: b\n'));
    assert.equal(document.kind, 'compose');
    assert.deepEqual(
      document.workloads.map((workload) => [workload.kind, workload.name]),
      [['compose-service', 'kestra']],
    );
  });

  test('services that do not run Kestra are not workloads', () => {
    const text = yaml`
      services:
        postgres:
          image: postgres:16
          environment:
            POSTGRES_PASSWORD: k3str4
        web:
          image: nginx
          command: nginx -g 'daemon off;'
    `;
    const document = model(text);
    assert.equal(document.workloads.length, 0);
    assert.equal(document.configs.length, 0);
  });

  test('the image, KESTRA_CONFIGURATION or a server command each mark a Kestra service', () => {
    const text = yaml`
      services:
        by-image:
          image: registry.kestra.io/docker/kestra:latest
        by-digest:
          image: kestra/kestra@sha256:abc
        enterprise:
          image: registry.kestra.io/docker/kestra-ee:latest-lts
        with-default:
          image: ${'$'}{KESTRA_IMAGE:-kestra/kestra:v1.3.20}
        by-configuration:
          image: my-registry/custom
          environment:
            KESTRA_CONFIGURATION: "kestra: {}"
        by-command:
          image: my-registry/custom
          command: server webserver
        not-kestra:
          image: my-registry/kestra-exporter:1
    `;
    assert.deepEqual(
      model(text).workloads.map((workload) => workload.name),
      ['by-image', 'by-digest', 'enterprise', 'with-default', 'by-configuration', 'by-command'],
    );
  });
});

describe('compose: a service copied without services:', () => {
  test('is read as a compose service, not as a Kestra configuration file', () => {
    const text = yaml`
      kestra:
        image: registry.kestra.io/docker/kestra:latest
        ports:
          - "8443:8443"
        environment:
          KESTRA_CONFIGURATION: |
            kestra:
              ports:
                - "8443:8443"
    `;
    const document = model(text);
    assert.equal(document.kind, 'compose');
    assert.deepEqual(
      document.workloads.map((workload) => workload.name),
      ['kestra'],
    );
    const misplaced = diagnosticsOf(diagnose(text), 'misplaced-property');
    assert.deepEqual(
      misplaced.map((diagnostic) => diagnostic.range),
      [rangeOf(text, 'ports', 2)],
    );
  });

  test('a Kestra configuration with kestra.environment stays a configuration file', () => {
    const text = yaml`
      kestra:
        environment:
          name: Production
        url: https://kestra.example.com/
    `;
    assert.equal(model(text).kind, 'kestra-config');
  });
});

describe('compose: KESTRA_CONFIGURATION in an environment map', () => {
  const body = ['micronaut:', '  server:', '    port: 8443'];

  for (const header of ['|', '|-', '|+', '>', '>-', '|2', '|4']) {
    test(`block scalar ${header}: keys point at the characters typed`, () => {
      const extra = header === '|4' ? '  ' : '';
      const lines = body.map((line) => `        ${extra}${line}`).join('\n');
      const text = composeWith(`      KESTRA_CONFIGURATION: ${header}\n${lines}\n      OTHER: x\n`);
      const tree = onlyConfig(text);
      assert.equal(tree.origin, 'KESTRA_CONFIGURATION');
      assert.equal(tree.label, 'KESTRA_CONFIGURATION');
      assert.equal(tree.inline, false);
      assert.deepEqual(tree.syntaxErrors, []);
      assert.equal(configKeyText(text, tree, 'micronaut.server.port'), 'port');
      assert.equal(configValueText(text, tree, 'micronaut.server.port'), '8443');
      assert.equal(configKeyText(text, tree, 'micronaut.server'), 'server');
    });
  }

  test('CRLF line endings', () => {
    const text = crlf(
      composeWith('      KESTRA_CONFIGURATION: |\n        kestra:\n          url: x\n'),
    );
    const tree = onlyConfig(text);
    assert.equal(configKeyText(text, tree, 'kestra.url'), 'url');
  });

  test('double-quoted one-line configuration with escapes', () => {
    const text = composeWith(
      '      KESTRA_CONFIGURATION: "micronaut:\\n  server:\\n    port: 8443\\n"\n',
    );
    const tree = onlyConfig(text);
    assert.equal(configKeyText(text, tree, 'micronaut.server.port'), 'port');
    assert.equal(configValueText(text, tree, 'micronaut.server.port'), '8443');
  });

  test('single-quoted flow configuration', () => {
    const text = composeWith(`      KESTRA_CONFIGURATION: '{micronaut: {server: {port: 8443}}}'\n`);
    const tree = onlyConfig(text);
    assert.equal(configKeyText(text, tree, 'micronaut.server.port'), 'port');
  });

  test('a plain one-line string that is not a mapping gives a tree without root', () => {
    const text = composeWith('      KESTRA_CONFIGURATION: kestra.url=https://kestra.example.com\n');
    const tree = onlyConfig(text);
    assert.equal(tree.root, null);
    assert.deepEqual(tree.syntaxErrors, []);
  });

  test('the tree span covers the value that holds the configuration', () => {
    const text = composeWith('      KESTRA_CONFIGURATION: |\n        kestra:\n          url: x\n');
    const tree = onlyConfig(text);
    assert.match(spanText(text, tree.span), /^\|\n {8}kestra:\n {10}url: x/);
  });

  test('the environment variable itself is in the model', () => {
    const text = composeWith('      KESTRA_CONFIGURATION: |\n        kestra: {}\n      TZ: UTC\n');
    const container = onlyContainer(text);
    assert.deepEqual(
      container.environment.map((variable) => [variable.name, variable.value]),
      [
        ['KESTRA_CONFIGURATION', 'kestra: {}\n'],
        ['TZ', 'UTC'],
      ],
    );
    const tz = container.environment[1];
    assert.ok(tz?.valueSpan);
    assert.equal(spanText(text, tz.nameSpan), 'TZ');
    assert.equal(spanText(text, tz.valueSpan), 'UTC');
  });
});

describe('compose: KESTRA_CONFIGURATION in an environment list', () => {
  test('one-line item', () => {
    const text = composeWith('      - KESTRA_CONFIGURATION=kestra: {url: x}\n');
    // `- A=b: c` is a mapping in YAML; users must quote it. The quoted forms are below.
    assert.equal(model(text).configs.length, 0);
  });

  test('double-quoted item with escapes', () => {
    const text = composeWith(
      '      - "KESTRA_CONFIGURATION=micronaut:\\n  server:\\n    port: 8443"\n      - TZ=UTC\n',
    );
    const tree = onlyConfig(text);
    assert.equal(configKeyText(text, tree, 'micronaut.server.port'), 'port');
    const container = onlyContainer(text);
    assert.deepEqual(
      container.environment.map((variable) => variable.name),
      ['KESTRA_CONFIGURATION', 'TZ'],
    );
    const variable = container.environment[0];
    assert.equal(
      spanText(text, variable?.nameSpan ?? { start: 0, end: 0 }),
      'KESTRA_CONFIGURATION',
    );
  });

  test('block scalar item', () => {
    const text = composeWith(
      lines(
        '      - |',
        '        KESTRA_CONFIGURATION=micronaut:',
        '          server:',
        '            port: 8443',
      ),
    );
    const tree = onlyConfig(text);
    assert.equal(configKeyText(text, tree, 'micronaut.server'), 'server');
    assert.equal(configValueText(text, tree, 'micronaut.server.port'), '8443');
    assert.equal(configKeyText(text, tree, 'micronaut'), 'micronaut');
  });

  test('block scalar item whose configuration starts on the next line', () => {
    const text = composeWith(
      '      - |-\n        KESTRA_CONFIGURATION=\n        kestra:\n          url: x\n',
    );
    const tree = onlyConfig(text);
    assert.equal(configKeyText(text, tree, 'kestra.url'), 'url');
  });

  test('a bare name has no value and no configuration', () => {
    const text = composeWith('      - KESTRA_CONFIGURATION\n');
    const container = onlyContainer(text);
    assert.equal(container.environment[0]?.value, null);
    assert.equal(container.configs.length, 0);
  });
});

describe('compose: properties from JAVA_OPTS, _JAVA_OPTIONS and MICRONAUT_*', () => {
  test('-D options become properties with exact spans; other JVM flags are skipped', () => {
    const text = composeWith(
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
    const text = composeWith('      - _JAVA_OPTIONS=-Djavax.net.debug -Dkestra.url=https://k\n');
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
    const text = composeWith(
      '      JAVA_OPTS: >-\n        -Xms1g\n        -Djavax.net.ssl.trustStorePassword=changeit\n',
    );
    const [property] = onlyContainer(text).properties;
    assert.ok(property);
    assert.equal(property.path, 'javax.net.ssl.trustStorePassword');
    assert.equal(spanText(text, property.valueSpan), 'changeit');
  });

  test('MICRONAUT_* variables bind by relaxed binding', () => {
    const text = composeWith(
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
    const text = composeWith(
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
    const text = composeWith('      - MICRONAUT_SERVER_SSL_PORT=8443\n');
    const [property] = onlyContainer(text).properties;
    assert.ok(property);
    assert.equal(property.path, 'micronaut.server.ssl.port');
    assert.equal(spanText(text, property.keySpan), 'MICRONAUT_SERVER_SSL_PORT');
    assert.equal(spanText(text, property.valueSpan), '8443');
  });

  test('variables that are not properties stay out of them', () => {
    const text = composeWith(
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

describe('compose: no diagnostics for compose files without Kestra', () => {
  test('a compose file without Kestra gets nothing, even with a syntax error', () => {
    const text = yaml`
      services:
        web:
          image: nginx
          environment:
            A: "unterminated
        db: [
    `;
    assert.deepEqual(diagnose(text), []);
  });

  test('a GitHub workflow gets nothing', () => {
    const text = yaml`
      name: CI
      on:
        push:
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - run: echo "x
              bad: [
    `;
    assert.deepEqual(diagnose(text), []);
  });
});
