import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConfigTree } from '../../server/src/engine/model/config';
import {
  composeWithEnvironment,
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

describe('compose: recognised by content', () => {
  test('a top-level services map makes a compose document, whatever the file name', () => {
    const document = model(composeWithEnvironment('      A: b\n'));
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
      const text = composeWithEnvironment(
        `      KESTRA_CONFIGURATION: ${header}\n${lines}\n      OTHER: x\n`,
      );
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
      composeWithEnvironment('      KESTRA_CONFIGURATION: |\n        kestra:\n          url: x\n'),
    );
    const tree = onlyConfig(text);
    assert.equal(configKeyText(text, tree, 'kestra.url'), 'url');
  });

  test('double-quoted one-line configuration with escapes', () => {
    const text = composeWithEnvironment(
      '      KESTRA_CONFIGURATION: "micronaut:\\n  server:\\n    port: 8443\\n"\n',
    );
    const tree = onlyConfig(text);
    assert.equal(configKeyText(text, tree, 'micronaut.server.port'), 'port');
    assert.equal(configValueText(text, tree, 'micronaut.server.port'), '8443');
  });

  test('single-quoted flow configuration', () => {
    const text = composeWithEnvironment(
      `      KESTRA_CONFIGURATION: '{micronaut: {server: {port: 8443}}}'\n`,
    );
    const tree = onlyConfig(text);
    assert.equal(configKeyText(text, tree, 'micronaut.server.port'), 'port');
  });

  test('a plain one-line string that is not a mapping gives a tree without root', () => {
    const text = composeWithEnvironment(
      '      KESTRA_CONFIGURATION: kestra.url=https://kestra.example.com\n',
    );
    const tree = onlyConfig(text);
    assert.equal(tree.root, null);
    assert.deepEqual(tree.syntaxErrors, []);
  });

  test('the tree span covers the value that holds the configuration', () => {
    const text = composeWithEnvironment(
      '      KESTRA_CONFIGURATION: |\n        kestra:\n          url: x\n',
    );
    const tree = onlyConfig(text);
    assert.match(spanText(text, tree.span), /^\|\n {8}kestra:\n {10}url: x/);
  });

  test('the environment variable itself is in the model', () => {
    const text = composeWithEnvironment(
      '      KESTRA_CONFIGURATION: |\n        kestra: {}\n      TZ: UTC\n',
    );
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
    const text = composeWithEnvironment('      - KESTRA_CONFIGURATION=kestra: {url: x}\n');
    // `- A=b: c` is a mapping in YAML; users must quote it. The quoted forms are below.
    assert.equal(model(text).configs.length, 0);
  });

  test('double-quoted item with escapes', () => {
    const text = composeWithEnvironment(
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
    const text = composeWithEnvironment(
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
    const text = composeWithEnvironment(
      '      - |-\n        KESTRA_CONFIGURATION=\n        kestra:\n          url: x\n',
    );
    const tree = onlyConfig(text);
    assert.equal(configKeyText(text, tree, 'kestra.url'), 'url');
  });

  test('a bare name has no value and no configuration', () => {
    const text = composeWithEnvironment('      - KESTRA_CONFIGURATION\n');
    const container = onlyContainer(text);
    assert.equal(container.environment[0]?.value, null);
    assert.equal(container.configs.length, 0);
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
