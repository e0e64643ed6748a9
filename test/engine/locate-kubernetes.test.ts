import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KestraContainer } from '../../server/src/engine/model/workload';
import { configKeyText, configValueText, lines, model, spanText, yaml } from './support';

/** A container spec running Kestra, indented for a pod spec's `containers` list. */
const KESTRA_CONTAINER = `
  - name: kestra
    image: kestra/kestra:v1.0.5
    env:
      - name: KESTRA_CONFIGURATION
        value: |
          micronaut:
            server:
              ssl:
                port: 8443
      - name: JAVA_OPTS
        value: "-Djavax.net.ssl.trustStore=/app/ssl/truststore.jks"
      - name: MICRONAUT_SERVER_SSL_ENABLED
        value: "true"
      - name: SECRET_VALUE
        valueFrom:
          secretKeyRef: {name: s, key: k}
`;

function indent(text: string, by: number): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? line : ' '.repeat(by) + line))
    .join('\n');
}

/** The pod spec of each workload kind, around the Kestra container. */
function workload(kind: string): string {
  const containers = (depth: number) =>
    `${' '.repeat(depth)}containers:${indent(KESTRA_CONTAINER, depth)}`;
  const head = lines('apiVersion: apps/v1', `kind: ${kind}`, 'metadata:');
  const name = `  name: kestra-${kind.toLowerCase()}`;
  switch (kind) {
    case 'Pod':
      return head + lines(name, '  labels:', '    app: kestra', 'spec:') + containers(2);
    case 'CronJob':
      return (
        head +
        lines(
          name,
          'spec:',
          '  jobTemplate:',
          '    spec:',
          '      template:',
          '        metadata:',
          '          labels:',
          '            app: kestra',
          '        spec:',
        ) +
        containers(10)
      );
    default:
      return (
        head +
        lines(
          name,
          'spec:',
          '  template:',
          '    metadata:',
          '      labels:',
          '        app: kestra',
          '    spec:',
        ) +
        containers(6)
      );
  }
}

function onlyKestraContainer(text: string): KestraContainer {
  const [found] = model(text).workloads;
  assert.ok(found, 'one workload');
  assert.equal(found.containers.length, 1);
  return found.containers[0] as KestraContainer;
}

describe('Kubernetes: workloads', () => {
  for (const kind of ['Deployment', 'StatefulSet', 'Pod', 'CronJob', 'DaemonSet', 'Job']) {
    test(`${kind}: env values are read and placed`, () => {
      const text = workload(kind);
      const document = model(text);
      assert.equal(document.kind, 'kubernetes');
      assert.equal(document.workloads.length, 1);
      const [found] = document.workloads;
      assert.equal(found?.kind, 'kubernetes-workload');
      assert.equal(found?.name, `kestra-${kind.toLowerCase()}`);
      assert.equal(found?.labels.get('app'), 'kestra');
      const container = onlyKestraContainer(text);
      assert.equal(container.name, 'kestra');
      assert.equal(container.image, 'kestra/kestra:v1.0.5');
      assert.equal(container.configs.length, 1);
      const tree = container.configs[0];
      assert.ok(tree);
      assert.equal(configKeyText(text, tree, 'micronaut.server.ssl.port'), 'port');
      assert.equal(configValueText(text, tree, 'micronaut.server.ssl.port'), '8443');
      assert.deepEqual(
        container.properties.map((property) => [property.path, property.value]),
        [
          ['javax.net.ssl.trustStore', '/app/ssl/truststore.jks'],
          ['micronaut.server.ssl.enabled', 'true'],
        ],
      );
      assert.equal(
        spanText(text, container.properties[0]?.valueSpan ?? { start: 0, end: 0 }),
        '/app/ssl/truststore.jks',
      );
      assert.equal(
        spanText(text, container.properties[1]?.keySpan ?? { start: 0, end: 0 }),
        'MICRONAUT_SERVER_SSL_ENABLED',
      );
      const secret = container.environment.find((variable) => variable.name === 'SECRET_VALUE');
      assert.ok(secret);
      assert.equal(secret.value, null);
      assert.deepEqual(document.configs, container.configs, 'the document lists the tree too');
    });
  }

  test('a sidecar that does not run Kestra is left out; command and args are read', () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: kestra
      spec:
        template:
          spec:
            containers:
              - name: proxy
                image: nginx:1.27
                env:
                  - name: JAVA_OPTS
                    value: -Dx=y
              - name: server
                image: my-registry/kestra-custom:1
                command: ["/app/kestra"]
                args: ["server", "webserver", "--port", "8081"]
    `;
    const container = onlyKestraContainer(text);
    assert.equal(container.name, 'server');
    assert.equal(container.command?.serverCommand, 'webserver');
    assert.deepEqual(container.command?.words, [
      '/app/kestra',
      'server',
      'webserver',
      '--port',
      '8081',
    ]);
    assert.equal(container.properties[0]?.path, 'micronaut.server.port');
    assert.equal(
      spanText(text, container.properties[0]?.valueSpan ?? { start: 0, end: 0 }),
      '8081',
    );
  });

  test('a Deployment that does not run Kestra has no workload', () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        template:
          spec:
            containers:
              - name: web
                image: nginx
    `;
    const document = model(text);
    assert.equal(document.kind, 'kubernetes');
    assert.deepEqual(document.workloads, []);
  });

  test('ports, mounts and probes of the Kestra container', () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: kestra
      spec:
        template:
          spec:
            containers:
              - name: kestra
                image: kestra/kestra
                ports:
                  - name: https
                    containerPort: 8443
                volumeMounts:
                  - name: ssl
                    mountPath: /app/ssl
                    readOnly: true
                livenessProbe:
                  httpGet:
                    path: /health
                    port: 8081
            volumes:
              - name: ssl
                secret:
                  secretName: kestra-ssl
                  items:
                    - key: keystore.p12
                      path: server.p12
    `;
    const container = onlyKestraContainer(text);
    assert.deepEqual(
      container.ports.map((port) => [port.kind, port.name, port.containerPort]),
      [['container', 'https', 8443]],
    );
    const [mount] = container.mounts;
    assert.equal(mount?.kind, 'secret');
    assert.equal(mount?.source, 'kestra-ssl');
    assert.equal(mount?.target, '/app/ssl');
    assert.deepEqual([...(mount?.items ?? [])], [['keystore.p12', 'server.p12']]);
    assert.deepEqual(
      container.probes.map((probe) => [probe.port, probe.scheme]),
      [[8081, undefined]],
    );
  });
});

describe('Kubernetes: configuration files in ConfigMaps and Secrets', () => {
  test('ConfigMap data entries named .yml or .yaml that hold Kestra configuration', () => {
    const text = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: kestra-config
      data:
        application.yml: |
          kestra:
            url: https://kestra.example.com/
        other.yaml: |-
          micronaut:
            server:
              port: 8080
        logback.xml: "<configuration/>"
        unrelated.yml: |
          replicas: 3
    `;
    const document = model(text);
    assert.deepEqual(
      document.configs.map((tree) => [tree.origin, tree.label]),
      [
        ['configmap-file', 'kestra-config/application.yml'],
        ['configmap-file', 'kestra-config/other.yaml'],
      ],
    );
    const [first, second] = document.configs;
    assert.ok(first && second);
    assert.equal(configKeyText(text, first, 'kestra.url'), 'url');
    assert.equal(configValueText(text, second, 'micronaut.server.port'), '8080');
  });

  test('Secret stringData entries; base64 data is not read', () => {
    const text = yaml`
      apiVersion: v1
      kind: Secret
      metadata:
        name: kestra-secrets
      stringData:
        application-secrets.yaml: "micronaut:\n  server:\n    ssl:\n      key-store:\n\
          \        password: s3cret\n"
      data:
        application.yml: a2VzdHJhOiB7fQ==
    `;
    const document = model(text);
    assert.deepEqual(
      document.configs.map((tree) => [tree.origin, tree.label]),
      [['secret-file', 'kestra-secrets/application-secrets.yaml']],
    );
    const tree = document.configs[0];
    assert.ok(tree);
    assert.equal(configKeyText(text, tree, 'micronaut.server.ssl.key-store.password'), 'password');
    assert.equal(configValueText(text, tree, 'micronaut.server.ssl.key-store.password'), 's3cret');
  });
});
