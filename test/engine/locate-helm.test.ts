import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConfigTree } from '../../server/src/engine/model/config';
import {
  configKeyText,
  configValueText,
  diagnose,
  model,
  onlyContainer,
  spanText,
  yaml,
} from './support';

function configLabelled(text: string, label: string): ConfigTree {
  const found = model(text).configs.find((tree) => tree.label === label);
  assert.ok(found, `a configuration labelled ${label}`);
  return found;
}

describe('Helm values: chart 1.x', () => {
  test('configurations.application as a mapping is an inline tree', () => {
    const text = yaml`
      configurations:
        application:
          micronaut:
            server:
              ssl:
                enabled: true
          kestra:
            url: https://kestra.example.com/
        configmaps: []
        secrets: []
    `;
    const document = model(text);
    assert.equal(document.kind, 'helm-values');
    assert.equal(document.workloads[0]?.kind, 'helm-release');
    const tree = configLabelled(text, 'configurations.application');
    assert.equal(tree.origin, 'helm-configuration');
    assert.equal(tree.inline, true);
    assert.equal(configKeyText(text, tree, 'micronaut.server.ssl.enabled'), 'enabled');
    assert.equal(configValueText(text, tree, 'kestra.url'), 'https://kestra.example.com/');
  });

  test('configurations.application as a block string is an embedded tree', () => {
    const text = yaml`
      configurations:
        application: |
          micronaut:
            server:
              port: 8443
    `;
    const tree = configLabelled(text, 'configurations.application');
    assert.equal(tree.inline, false);
    assert.equal(configKeyText(text, tree, 'micronaut.server.port'), 'port');
  });

  test('configurations.configmaps and secrets name the files the chart mounts', () => {
    const text = yaml`
      configurations:
        application: {}
        configmaps:
          - name: kestra-others
            key: others.yml
        secrets:
          - name: kestra-basic-auth
            key: basic-auth.yml
    `;
    const mounts = onlyContainer(text).mounts;
    assert.deepEqual(
      mounts.map((mount) => [mount.kind, mount.source, mount.target, [...(mount.items ?? [])]]),
      [
        ['configmap', 'kestra-others', '/app/confs/others.yml', [['others.yml', 'others.yml']]],
        [
          'secret',
          'kestra-basic-auth',
          '/app/secrets/basic-auth.yml',
          [['basic-auth.yml', 'basic-auth.yml']],
        ],
      ],
    );
    assert.equal(
      spanText(text, mounts[0]?.span ?? { start: 0, end: 0 }).startsWith('name: kestra-others'),
      true,
    );
  });

  test('common.extraEnv and common.jvm.extraOpts', () => {
    const text = yaml`
      configurations:
        application: {}
      common:
        extraEnv:
          - name: MICRONAUT_SERVER_SSL_PORT
            value: "8443"
          - name: KESTRA_CONFIGURATION
            value: |
              kestra:
                url: https://k/
        jvm:
          extraOpts: "-Xmx1g -Djavax.net.ssl.trustStore=/app/ssl/cacerts.p12"
    `;
    const container = onlyContainer(text);
    assert.deepEqual(
      container.properties.map((property) => [property.path, property.value, property.origin]),
      [
        ['micronaut.server.ssl.port', '8443', 'environment'],
        ['javax.net.ssl.trustStore', '/app/ssl/cacerts.p12', 'java-options'],
      ],
    );
    assert.equal(
      spanText(text, container.properties[1]?.valueSpan ?? { start: 0, end: 0 }),
      '/app/ssl/cacerts.p12',
    );
    const tree = configLabelled(text, 'KESTRA_CONFIGURATION');
    assert.equal(configKeyText(text, tree, 'kestra.url'), 'url');
  });

  test('deployments beside common make a values file without configurations', () => {
    const text = yaml`
      common:
        image:
          tag: v1.0.0
      deployments:
        standalone:
          enabled: true
    `;
    assert.equal(model(text).kind, 'helm-values');
  });
});

describe('Helm values: chart 0.x', () => {
  test('configuration as a mapping, secrets as a mapping and top-level extraEnv', () => {
    const text = yaml`
      configuration:
        kestra:
          queue:
            type: postgres
      secrets:
        micronaut:
          server:
            ssl:
              key-store:
                password: changeit
      extraEnv:
        - name: JAVA_OPTS
          value: -Djavax.net.ssl.trustStorePassword=changeit
    `;
    const document = model(text);
    assert.equal(document.kind, 'helm-values');
    const configuration = configLabelled(text, 'configuration');
    assert.equal(configKeyText(text, configuration, 'kestra.queue.type'), 'type');
    const secrets = configLabelled(text, 'secrets');
    assert.equal(
      configValueText(text, secrets, 'micronaut.server.ssl.key-store.password'),
      'changeit',
    );
    const [property] = onlyContainer(text).properties;
    assert.equal(property?.path, 'javax.net.ssl.trustStorePassword');
    assert.equal(spanText(text, property?.valueSpan ?? { start: 0, end: 0 }), 'changeit');
  });

  test('configuration as a block string', () => {
    const text = yaml`
      configuration: |-
        kestra:
          storage:
            type: local
    `;
    const tree = configLabelled(text, 'configuration');
    assert.equal(configKeyText(text, tree, 'kestra.storage.type'), 'type');
  });

  test('empty configuration and secrets give no tree', () => {
    const text = yaml`
      configuration: {}
      secrets: {}
      deployments:
        standalone:
          enabled: true
      dind:
        enabled: true
    `;
    const document = model(text);
    assert.equal(document.kind, 'helm-values');
    assert.deepEqual(
      document.configs.filter((tree) => tree.root !== null && configEntriesCount(tree) > 0),
      [],
    );
  });
});

function configEntriesCount(tree: ConfigTree): number {
  const root = tree.root as { items?: unknown[] } | null;
  return root?.items?.length ?? 0;
}

describe('Helm values: what is not Kestra', () => {
  test('a top-level configuration of another tool is not Kestra values', () => {
    const text = yaml`
      configuration:
        server:
          ssl: true
        volumes: []
    `;
    assert.equal(model(text).kind, 'other');
    assert.deepEqual(diagnose(text), []);
  });

  test('a configurations map without the chart keys is not Kestra values', () => {
    const text = yaml`
      configurations:
        server: {port: 8080}
    `;
    assert.equal(model(text).kind, 'other');
  });

  test('chart 1.x configurations with only references still is', () => {
    const text = yaml`
      configurations:
        secrets:
          - name: kestra-basic-auth
            key: basic-auth.yml
    `;
    assert.equal(model(text).kind, 'helm-values');
  });
});
