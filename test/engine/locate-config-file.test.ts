import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configEntries } from '../../server/src/engine/config/entries';
import {
  configKeyText,
  configValueText,
  diagnose,
  diagnosticsOf,
  model,
  rangeOf,
  yaml,
} from './support';

describe('plain Kestra and Micronaut configuration files', () => {
  for (const top of ['micronaut', 'kestra', 'datasources', 'endpoints']) {
    test(`a top-level ${top}: makes a configuration file`, () => {
      const text = `# application.yml\n${top}:\n  some-key: 1\n`;
      const document = model(text);
      assert.equal(document.kind, 'kestra-config');
      assert.equal(document.configs.length, 1);
      const tree = document.configs[0];
      assert.ok(tree);
      assert.equal(tree.origin, 'config-file');
      assert.equal(tree.inline, true);
      assert.equal(tree.map, null);
      assert.equal(configKeyText(text, tree, `${top}.some-key`), 'some-key');
    });
  }

  test('dotted keys split into canonical segments; camelCase becomes kebab-case', () => {
    const text = yaml`
      micronaut.server:
        ssl.keyStore:
          path: file:/k.p12
      kestra:
        server:
          basicAuth:
            enabled: true
    `;
    const [tree] = model(text).configs;
    assert.ok(tree);
    const paths = configEntries(tree).map((entry) => entry.path.join('.'));
    assert.deepEqual(paths, [
      'micronaut.server',
      'micronaut.server.ssl.key-store',
      'micronaut.server.ssl.key-store.path',
      'kestra',
      'kestra.server',
      'kestra.server.basic-auth',
      'kestra.server.basic-auth.enabled',
    ]);
    assert.equal(configKeyText(text, tree, 'micronaut.server.ssl.key-store'), 'ssl.keyStore');
    assert.equal(configValueText(text, tree, 'micronaut.server.ssl.key-store.path'), 'file:/k.p12');
  });

  test('a document with other top-level keys beside Kestra is still a configuration file', () => {
    const text = 'logging:\n  level: INFO\nmicronaut:\n  application:\n    name: x\n';
    assert.equal(model(text).kind, 'kestra-config');
  });
});

describe('YAML files that are not Kestra get nothing', () => {
  test('a GitHub workflow', () => {
    const text = yaml`
      name: CI
      on: [push]
      jobs:
        test:
          runs-on: ubuntu-latest
          env:
            ports: 8443
          steps:
            - uses: actions/checkout@v4
    `;
    assert.equal(model(text).kind, 'other');
    assert.deepEqual(diagnose(text), []);
  });

  test('an OpenAPI file with a server list', () => {
    const text = yaml`
      openapi: 3.0.0
      servers:
        - url: https://api.example.com
      server:
        ssl: true
    `;
    assert.equal(model(text).kind, 'other');
    assert.deepEqual(diagnose(text), []);
  });

  test('a Grafana provisioning file, whose datasources is a list', () => {
    const text = yaml`
      apiVersion: 1
      datasources:
        - name: Prometheus
          type: prometheus
          url: http://prometheus:9090
    `;
    assert.equal(model(text).kind, 'other');
    assert.deepEqual(diagnose(text), []);
    assert.deepEqual(diagnose('apiVersion: 1\ndatasources:\n  - name: "broken\n'), []);
  });

  test('a broken file that does not mention Kestra', () => {
    assert.deepEqual(diagnose('a: [\nb: "\n'), []);
  });

  test('a broken file that mentions Kestra gets its syntax errors', () => {
    const text = 'kestra:\n  url: [\n';
    assert.deepEqual(
      diagnosticsOf(diagnose(text), 'yaml-syntax').map((diagnostic) => diagnostic.range),
      [rangeOf(text, '[')],
    );
  });

  test('a top-level list or scalar', () => {
    assert.deepEqual(diagnose('- kestra\n- micronaut\n'), []);
    assert.deepEqual(diagnose('just text mentioning kestra\n'), []);
  });
});
