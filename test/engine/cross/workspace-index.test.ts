import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kubernetesManifest, SSL_WITH_KEYSTORE } from './manifests';
import { composeFile, findings, uriOf, workspaceOf } from './support';

const SSL = SSL_WITH_KEYSTORE.trim();

const BASE = composeFile(SSL, '    volumes:\n      - ./ssl:/app/ssl:ro\n');

describe('compose overrides', () => {
  const base = BASE.replace('    volumes:\n', '    ports:\n      - "8080:8080"\n    volumes:\n');
  const publishing = (port: string) => `services:\n  kestra:\n    ports:\n      - "${port}"\n`;

  it('merges docker-compose.override.yml into the base by service name', () => {
    const alone = workspaceOf({ 'docker-compose.yml': base });
    assert.equal(findings(alone, 'docker-compose.yml', 'ssl-port-not-published').length, 1);

    const workspace = workspaceOf({
      'docker-compose.yml': base,
      'docker-compose.override.yml': publishing('8443:8443'),
    });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'ssl-port-not-published'), []);
    const [closed] = findings(workspace, 'docker-compose.yml', 'port-not-listening');
    assert.equal(closed?.data?.port, 8080);
  });

  it(
    'updates the base file’s findings when the override changes, ' + 'and names it a dependent',
    () => {
      const workspace = workspaceOf({
        'docker-compose.yml': base,
        'docker-compose.override.yml': publishing('8081:8081'),
      });
      assert.equal(findings(workspace, 'docker-compose.yml', 'ssl-port-not-published').length, 1);
      assert.deepEqual(workspace.dependents(uriOf('docker-compose.override.yml')), [
        uriOf('docker-compose.yml'),
      ]);

      workspace.setFile(uriOf('docker-compose.override.yml'), publishing('8443:8443'));
      assert.deepEqual(findings(workspace, 'docker-compose.yml', 'ssl-port-not-published'), []);
      assert.deepEqual(workspace.dependents(uriOf('docker-compose.override.yml')), [
        uriOf('docker-compose.yml'),
      ]);
    },
  );

  it('keeps a file that no longer belongs to a deployment among the dependents once', () => {
    const workspace = workspaceOf({
      'docker-compose.yml': base,
      'docker-compose.override.yml': publishing('8080:8080'),
    });
    workspace.diagnose(uriOf('docker-compose.yml'));
    workspace.deleteFile(uriOf('docker-compose.yml'));
    assert.deepEqual(workspace.dependents(uriOf('docker-compose.yml')), [
      uriOf('docker-compose.override.yml'),
    ]);
  });

  it('lets a later file replace environment variables and mounts by name and path', () => {
    const override = `services:
  kestra:
    environment:
      MICRONAUT_SERVER_SSL_PORT: "9443"
    volumes:
      - ./other-ssl:/app/ssl:ro
    ports:
      - "9443:9443"
`;
    const workspace = workspaceOf({ 'compose.yaml': BASE, 'compose.override.yaml': override });
    const [deployment] = workspace.index().deployments;
    assert.equal(deployment?.listening.sslPort, 9443);
    assert.deepEqual(
      deployment?.container?.mounts.map((mount) => mount.mount.source),
      ['./other-ssl'],
    );
    assert.deepEqual(findings(workspace, 'compose.yaml', 'ssl-port-not-published'), []);
  });

  it('merges a partial compose.<name>.yaml, and keeps a complete one apart', () => {
    const partial = 'services:\n  kestra:\n    ports:\n      - "8443:8443"\n';
    const merged = workspaceOf({ 'compose.yaml': BASE, 'compose.podman.yaml': partial });
    assert.equal(merged.index().deployments.length, 1);

    const complete = composeFile(
      'kestra:\n  url: http://localhost:8080/',
      '    ports:\n      - "8080:8080"\n',
    );
    const apart = workspaceOf({ 'compose.yaml': BASE, 'compose.mac-http.yaml': complete });
    assert.deepEqual(
      apart
        .index()
        .deployments.map((deployment) => deployment.listening.ssl)
        .sort(),
      [false, true],
    );
  });

  it('keeps compose files of different folders apart', () => {
    const workspace = workspaceOf({
      'a/docker-compose.yml': base,
      'b/docker-compose.override.yml': publishing('8443:8443'),
    });
    assert.deepEqual(workspace.dependents(uriOf('b/docker-compose.override.yml')), []);
    assert.equal(findings(workspace, 'a/docker-compose.yml', 'ssl-port-not-published').length, 1);
  });
});

describe('configuration files that a deployment mounts', () => {
  const service = composeFile('kestra:\n  url: http://localhost:8080/', '').replace(
    'command: server standalone',
    'command: server standalone -c /app/confs/application.yml',
  );
  const mounted = service
    .replace(
      '    environment:\n',
      '    ports:\n      - "8080:8080"\n    volumes:\n' +
        '      - ./config/application.yml:/app/confs/application.yml:ro\n    environment:\n',
    )
    .replace(/ {4}environment:\n[\s\S]*$/, '');

  it('reads a bind-mounted configuration file of the workspace, and links the two files', () => {
    const config = `micronaut:
  server:
    ssl:
      enabled: true
kestra:
  url: https://localhost:8443/
`;
    const workspace = workspaceOf({
      'docker-compose.yml': mounted,
      'config/application.yml': config,
    });
    const [deployment] = workspace.index().deployments;
    assert.equal(deployment?.listening.ssl, true);
    const [missing] = findings(workspace, 'config/application.yml', 'keystore-missing');
    assert.ok(missing, 'the finding points into the configuration file');
    assert.equal(findings(workspace, 'docker-compose.yml', 'ssl-port-not-published').length, 1);
    assert.deepEqual(workspace.dependents(uriOf('config/application.yml')), [
      uriOf('docker-compose.yml'),
    ]);
  });

  it('reads a configuration file from a mounted ConfigMap key', () => {
    const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: kestra-config
data:
  application.yml: |
    micronaut:
      server:
        ssl:
          enabled: true
          build-self-signed: true
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: kestra
spec:
  template:
    metadata:
      labels:
        app: kestra
    spec:
      containers:
        - name: kestra
          image: kestra/kestra:latest
          args: ["server", "standalone", "--config", "/app/confs/application.yml"]
          ports:
            - containerPort: 8080
          volumeMounts:
            - name: config
              mountPath: /app/confs/application.yml
              subPath: application.yml
      volumes:
        - name: config
          configMap:
            name: kestra-config
`;
    const workspace = workspaceOf({ 'k8s/kestra.yaml': manifest });
    const [deployment] = workspace.index().deployments;
    assert.equal(deployment?.listening.ssl, true);
    assert.equal(findings(workspace, 'k8s/kestra.yaml', 'ssl-port-not-published').length, 1);
  });
});

describe('effective configuration', () => {
  it('applies Micronaut precedence: command line, JVM options, variables, files', () => {
    const text = composeFile('micronaut:\n  server:\n    port: 8081', '')
      .replace('command: server standalone', 'command: server standalone --port 8084')
      .replace(
        '    environment:\n',
        '    environment:\n      MICRONAUT_SERVER_PORT: "8082"\n' +
          '      JAVA_OPTS: -Dmicronaut.server.port=8083\n',
      );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [deployment] = workspace.index().deployments;
    const settings = deployment?.config
      .all('micronaut.server.port')
      .map((setting) => setting.value);
    assert.deepEqual(settings, [8081, '8082', '8083', '8084']);
    assert.equal(deployment?.listening.httpPort, 8084);
  });

  it('binds relaxed spellings to one property', () => {
    const text = composeFile(
      'micronaut:\n  server:\n    dualProtocol: true\n' +
        '    ssl:\n      enabled: true\n      buildSelfSigned: true',
      '',
    );
    const [deployment] = workspaceOf({ 'docker-compose.yml': text }).index().deployments;
    assert.equal(deployment?.listening.dualProtocol, true);
    assert.deepEqual(
      deployment?.listening.ports.map((port) => `${port.port}/${port.scheme}`),
      ['8443/https', '8080/http', '8081/http'],
    );
  });
});

describe('Services and Ingresses of a Kubernetes workload', () => {
  const object = (kind: string, name: string, namespace: string, spec: string) =>
    `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n` +
    `spec:\n${spec}`;
  const service = (name: string, selector: string, namespace = 'kestra') =>
    object('Service', name, namespace, `${selector}  ports:\n    - name: https\n      port: 443\n`);
  const ingress = (name: string, ...backends: string[]) =>
    object(
      'Ingress',
      name,
      'kestra',
      '  rules:\n    - http:\n        paths:\n' +
        backends
          .map(
            (backend) =>
              `          - path: /\n            backend:\n              service:\n` +
              `                name: ${backend}\n` +
              '                port:\n                  number: 443\n',
          )
          .join(''),
    );
  const workload = kubernetesManifest('targetPort: 8443')
    .split('---')[0]
    ?.replace('  name: kestra\n', '  name: kestra\n  namespace: kestra\n')
    .replace('        app: kestra\n', '        app: kestra\n        tier: web\n');

  it('links the Services that select its pods, in file order, with the routes to each', () => {
    const manifest = [
      workload,
      service('by-tier', '  selector:\n    tier: web\n'),
      service('no-selector', ''),
      service('other-tier', '  selector:\n    app: kestra\n    tier: db\n'),
      service('elsewhere', '  selector:\n    app: kestra\n', 'monitoring'),
      service('by-both', '  selector:\n    app: kestra\n    tier: web\n'),
      ingress('first', 'by-both', 'by-tier', 'no-selector'),
      ingress('second', 'by-both'),
    ].join('---\n');
    const workspace = workspaceOf({ 'kestra.yaml': manifest });

    const deployment = workspace
      .index()
      .deployments.find((candidate) => candidate.kind === 'kubernetes-workload');
    const links = deployment?.services.map((link) => ({
      service: link.service.name,
      routes: link.routes.map((route) => `${route.ingress.name} ${route.port?.name}`),
    }));

    assert.deepEqual(links, [
      { service: 'by-tier', routes: ['first https'] },
      { service: 'by-both', routes: ['first https', 'second https'] },
    ]);
  });
});
