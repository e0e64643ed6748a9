import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deployment, Workspace } from '../../../server/src/engine/index';
import { ingressManifest, kubernetesManifest, SSL_WITH_KEYSTORE } from './manifests';
import { assertAsFresh, coveredText, uriOf, workspaceOf } from './support';

/** A compose service with its KESTRA_CONFIGURATION, indented for a compose file. */
function service(name: string, configuration: string, more = ''): string {
  const indented = configuration
    .trim()
    .split('\n')
    .map((line) => `        ${line}`)
    .join('\n');
  return (
    `  ${name}:\n    image: kestra/kestra:latest\n    command: server standalone\n${more}` +
    `    environment:\n      KESTRA_CONFIGURATION: |\n${indented}\n`
  );
}

/** SSL on without a keystore: `keystore-missing`, which needs a complete configuration. */
const SSL_ONLY = 'micronaut:\n  server:\n    ssl:\n      enabled: true\n';
const SSL_OFF = 'micronaut:\n  server:\n    ssl:\n      enabled: false\n';

function deploymentNamed(workspace: Workspace, name: string): Deployment {
  const found = workspace.index().deployments.find((deployment) => deployment.name === name);
  assert.ok(found, `deployment ${name}`);
  return found;
}

describe('the index across edits', () => {
  it('keeps the configuration of an untouched service and makes one for the edited one', () => {
    const before = `services:\n${service('a', SSL_ONLY)}${service('b', SSL_ONLY)}`;
    const workspace = workspaceOf({ 'docker-compose.yml': before });
    const a = deploymentNamed(workspace, 'a');
    const b = deploymentNamed(workspace, 'b');

    const after = `services:\n${service('a', SSL_ONLY)}${service('b', SSL_OFF)}`;
    workspace.setFile(uriOf('docker-compose.yml'), after);
    assert.equal(deploymentNamed(workspace, 'a').config, a.config);
    assert.equal(deploymentNamed(workspace, 'a').listening, a.listening);
    assert.notEqual(deploymentNamed(workspace, 'b').config, b.config);
    assert.equal(deploymentNamed(workspace, 'b').listening.ssl, false);
    assertAsFresh(workspace, { 'docker-compose.yml': after });
  });

  it('moves the settings of services that an edit above them pushes down', () => {
    const text = `services:\n${service('a', SSL_ONLY)}${service('b', SSL_ONLY)}`;
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    workspace.diagnose(uriOf('docker-compose.yml'));

    const restarting = text.replace('  a:\n', '  a:\n    restart: always\n');
    const moved = `# The services of the team\n${restarting}`;
    workspace.setFile(uriOf('docker-compose.yml'), moved);
    const missing = workspace
      .diagnose(uriOf('docker-compose.yml'))
      .filter((diagnostic) => diagnostic.code === 'keystore-missing');
    assert.equal(missing.length, 2);
    for (const diagnostic of missing) {
      assert.equal(coveredText(moved, diagnostic), 'enabled');
    }
    assertAsFresh(workspace, { 'docker-compose.yml': moved });
  });

  it('tells services apart that repeat the same configuration', () => {
    const text = `services:\n${service('a', SSL_ONLY)}${service('b', SSL_ONLY)}`;
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const lines = workspace
      .diagnose(uriOf('docker-compose.yml'))
      .filter((diagnostic) => diagnostic.code === 'keystore-missing')
      .map((diagnostic) => diagnostic.range.start.line);
    assert.equal(new Set(lines).size, 2, 'one finding in each service');
    assert.notEqual(deploymentNamed(workspace, 'a').config, deploymentNamed(workspace, 'b').config);
  });

  it('judges a configuration again when a file it cannot see may complete it', () => {
    const text = `services:\n${service('a', SSL_ONLY)}`;
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const complete = deploymentNamed(workspace, 'a').config;
    assert.equal(complete.complete, true);

    const withEnvFile = `services:\n${service('a', SSL_ONLY, '    env_file: kestra.env\n')}`;
    workspace.setFile(uriOf('docker-compose.yml'), withEnvFile);
    assert.equal(deploymentNamed(workspace, 'a').config.complete, false);
    assertAsFresh(workspace, { 'docker-compose.yml': withEnvFile });
  });

  it('follows a mounted configuration file of another file of the workspace', () => {
    const compose =
      'services:\n  kestra:\n    image: kestra/kestra:latest\n' +
      '    command: server standalone -c /app/confs/application.yml\n' +
      '    ports:\n      - "8080:8080"\n    volumes:\n' +
      '      - ./config/application.yml:/app/confs/application.yml:ro\n';
    const files = { 'docker-compose.yml': compose, 'config/application.yml': SSL_ONLY };
    const workspace = workspaceOf(files);
    assert.equal(deploymentNamed(workspace, 'kestra').listening.ssl, true);

    workspace.setFile(uriOf('config/application.yml'), SSL_OFF);
    assert.equal(deploymentNamed(workspace, 'kestra').listening.ssl, false);
    assertAsFresh(workspace, { ...files, 'config/application.yml': SSL_OFF });

    workspace.deleteFile(uriOf('config/application.yml'));
    assert.equal(deploymentNamed(workspace, 'kestra').config.complete, false);
    assertAsFresh(workspace, { 'docker-compose.yml': compose });
  });

  it('reports a keystore setting that variables override after an edit', () => {
    const text = `services:\n${service('a', SSL_WITH_KEYSTORE)}`;
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    workspace.diagnose(uriOf('docker-compose.yml'));
    const overridden = text.replace(
      '    environment:\n',
      '    environment:\n      MICRONAUT_SERVER_SSL_KEY_STORE_PATH: file:/etc/ssl/other.p12\n',
    );
    workspace.setFile(uriOf('docker-compose.yml'), overridden);
    const path = deploymentNamed(workspace, 'a').config.get('micronaut.server.ssl.key-store.path');
    assert.equal(path?.value, 'file:/etc/ssl/other.p12');
    assertAsFresh(workspace, { 'docker-compose.yml': overridden });
  });

  it('keeps the container of an untouched service and reads the edited one again', () => {
    const volumes = '    volumes:\n      - ./ssl:/app/ssl:ro\n';
    const ports = (port: number) => `    ports:\n      - "${port}:${port}"\n`;
    const a = service('a', SSL_WITH_KEYSTORE, volumes);
    const c = service('c', SSL_ONLY);
    const before = `services:\n${a}${service('b', SSL_ONLY, ports(8443))}${c}`;
    const workspace = workspaceOf({ 'docker-compose.yml': before });
    const kept = deploymentNamed(workspace, 'a').container;
    const edited = deploymentNamed(workspace, 'b').container;

    // Typing over characters of one service keeps the models of the others.
    const after = `services:\n${a}${service('b', SSL_ONLY, ports(8080))}${c}`;
    workspace.setFile(uriOf('docker-compose.yml'), after);
    assert.equal(deploymentNamed(workspace, 'a').container, kept);
    assert.notEqual(deploymentNamed(workspace, 'b').container, edited);
    assert.equal(deploymentNamed(workspace, 'b').container?.ports[0]?.port.containerPort, 8080);
    assertAsFresh(workspace, { 'docker-compose.yml': after });
  });

  it('merges a service again when its override changes or goes', () => {
    const volumes = '    volumes:\n      - ./ssl:/app/ssl:ro\n';
    const base = `services:\n${service('kestra', SSL_WITH_KEYSTORE, volumes)}`;
    const override = (source: string) =>
      `services:\n  kestra:\n    volumes:\n      - ${source}:/app/ssl:ro\n`;
    const files = { 'docker-compose.yml': base, 'docker-compose.override.yml': override('./a') };
    const workspace = workspaceOf(files);
    const sources = () =>
      deploymentNamed(workspace, 'kestra').container?.mounts.map((mount) => mount.mount.source);
    assert.deepEqual(sources(), ['./a']);

    workspace.setFile(uriOf('docker-compose.override.yml'), override('./b'));
    assert.deepEqual(sources(), ['./b']);
    assertAsFresh(workspace, { ...files, 'docker-compose.override.yml': override('./b') });

    workspace.deleteFile(uriOf('docker-compose.override.yml'));
    assert.deepEqual(sources(), ['./ssl']);
    assertAsFresh(workspace, { 'docker-compose.yml': base });
  });

  it('keeps the deployments of untouched documents of a manifest', () => {
    const workload = (name: string, port: number) =>
      kubernetesManifest(`targetPort: ${port}`)
        .replaceAll('name: kestra', `name: ${name}`)
        .replaceAll('app: kestra', `app: ${name}`);
    const before = `${workload('one', 8443)}---\n${workload('two', 8443)}`;
    const workspace = workspaceOf({ 'k8s/kestra.yaml': before });
    const one = deploymentNamed(workspace, 'one');

    const after = `${workload('one', 8443)}---\n${workload('two', 8080)}`;
    workspace.setFile(uriOf('k8s/kestra.yaml'), after);
    // The whole deployment is the same, so the rules keep what they found about it.
    assert.equal(deploymentNamed(workspace, 'one'), one);
    assert.equal(deploymentNamed(workspace, 'two').services[0]?.service.ports[0]?.targetPort, 8080);
    assertAsFresh(workspace, { 'k8s/kestra.yaml': after });
  });

  it('links Services and Ingresses again when other files add, change or remove them', () => {
    const manifest = kubernetesManifest('targetPort: https');
    const workspace = workspaceOf({ 'k8s/kestra.yaml': manifest });
    const routes = () => deploymentNamed(workspace, 'kestra').services[0]?.routes ?? [];
    const unrouted = () =>
      workspace
        .diagnose(uriOf('k8s/ingress.yaml'))
        .filter((diagnostic) => diagnostic.code === 'port-not-listening');
    assert.deepEqual(routes(), []);

    const unlinked = deploymentNamed(workspace, 'kestra');
    workspace.setFile(uriOf('k8s/ingress.yaml'), ingressManifest(8443));
    assert.equal(routes().length, 1);
    assert.deepEqual(unrouted(), []);
    assert.notEqual(deploymentNamed(workspace, 'kestra'), unlinked);

    workspace.setFile(uriOf('k8s/ingress.yaml'), ingressManifest(9443));
    assert.equal(unrouted().length, 1, 'the Service has no port 9443');
    assertAsFresh(workspace, {
      'k8s/kestra.yaml': manifest,
      'k8s/ingress.yaml': ingressManifest(9443),
    });

    workspace.deleteFile(uriOf('k8s/ingress.yaml'));
    assert.deepEqual(routes(), []);
  });

  it('places the objects of documents that an edit above them moves', () => {
    const manifest = kubernetesManifest('targetPort: 8080');
    const workspace = workspaceOf({ 'k8s/kestra.yaml': manifest });
    const closed = workspace
      .diagnose(uriOf('k8s/kestra.yaml'))
      .filter((diagnostic) => diagnostic.code === 'port-not-listening');
    assert.equal(closed.length, 1);

    const moved = `# Kestra over HTTPS\n${manifest}`;
    workspace.setFile(uriOf('k8s/kestra.yaml'), moved);
    const [again] = workspace
      .diagnose(uriOf('k8s/kestra.yaml'))
      .filter((diagnostic) => diagnostic.code === 'port-not-listening');
    assert.equal(again?.range.start.line, (closed[0]?.range.start.line ?? 0) + 1);
    assert.equal(coveredText(moved, again!), '8080');
    assertAsFresh(workspace, { 'k8s/kestra.yaml': moved });
  });
});
