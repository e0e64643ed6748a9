import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ingressManifest, kubernetesManifest, SSL_WITH_KEYSTORE } from './manifests';
import { composeFile, coveredText, findings, workspaceOf } from './support';

const VOLUMES = `    volumes:
      - ./ssl:/app/ssl:ro
`;

describe('ssl-port-not-published', () => {
  it('reports a compose service that publishes 8080 while Kestra listens on 8443', () => {
    const text = composeFile(SSL_WITH_KEYSTORE, `${VOLUMES}    ports:\n      - "8080:8080"\n`);
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [finding, ...rest] = findings(workspace, 'docker-compose.yml', 'ssl-port-not-published');
    assert.equal(rest.length, 0);
    assert.ok(finding);
    assert.equal(coveredText(text, finding), 'ports');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /"8443:8443"/);
    assert.equal(finding.data?.port, 8443);
    assert.equal(finding.data?.service, 'kestra');
    assert.deepEqual(finding.data?.portsRange, finding.range);
  });

  it('accepts a compose service that publishes the SSL port', () => {
    const text = composeFile(SSL_WITH_KEYSTORE, `${VOLUMES}    ports:\n      - "443:8443"\n`);
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'ssl-port-not-published'), []);
  });

  it('follows a MICRONAUT_ variable, which overrides the configuration', () => {
    const text = composeFile(
      SSL_WITH_KEYSTORE,
      `${VOLUMES}    ports:\n      - "8443:8443"\n`,
    ).replace('    environment:\n', '    environment:\n      MICRONAUT_SERVER_SSL_PORT: "9443"\n');
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [finding] = findings(workspace, 'docker-compose.yml', 'ssl-port-not-published');
    assert.equal(finding?.data?.port, 9443);
  });

  it('reports a Service that selects the pod but targets only the closed HTTP port', () => {
    const manifest = kubernetesManifest('targetPort: 8080');
    const workspace = workspaceOf({ 'k8s/kestra.yaml': manifest });
    const reported = findings(workspace, 'k8s/kestra.yaml', 'ssl-port-not-published');
    assert.equal(reported.length, 1);
    assert.match(reported[0]?.message ?? '', /Service `kestra`/);
    assert.equal(reported[0]?.data?.service, 'kestra');
  });

  it('accepts a Service that targets the SSL port by name', () => {
    const workspace = workspaceOf({ 'k8s/kestra.yaml': kubernetesManifest('targetPort: https') });
    assert.deepEqual(findings(workspace, 'k8s/kestra.yaml', 'ssl-port-not-published'), []);
  });

  it('reports Helm values whose chart sends traffic to 8080 while SSL is on', () => {
    const values = `configurations:
  application:
    micronaut:
      server:
        ssl:
          enabled: true
          key-store:
            path: file:/app/ssl/keystore.p12
common:
  extraVolumes:
    - name: ssl
      secret:
        secretName: kestra-ssl
  extraVolumeMounts:
    - name: ssl
      mountPath: /app/ssl
`;
    const workspace = workspaceOf({ 'values.yaml': values });
    const [finding] = findings(workspace, 'values.yaml', 'ssl-port-not-published');
    assert.equal(finding?.data?.valuesPath, 'service.ports.http.containerPort');
    const fixed = `${values}service:\n  ports:\n    http:\n      containerPort: 8443\n`;
    const clean = workspaceOf({ 'values.yaml': fixed });
    assert.deepEqual(findings(clean, 'values.yaml', 'ssl-port-not-published'), []);
  });
});

describe('port-not-listening', () => {
  it('reports "8443:8080" while SSL closes port 8080, and suggests the SSL port', () => {
    const text = composeFile(
      SSL_WITH_KEYSTORE,
      `${VOLUMES}    ports:\n      - "8443:8080"\n      - "8081:8081"\n`,
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const reported = findings(workspace, 'docker-compose.yml', 'port-not-listening');
    assert.equal(reported.length, 1);
    assert.equal(coveredText(text, reported[0]!), '"8443:8080"');
    assert.equal(reported[0]?.data?.replacement, 8443);
    assert.match(reported[0]?.message ?? '', /dual-protocol/);
  });

  it('accepts 8080 when dual-protocol keeps HTTP open', () => {
    const text = composeFile(
      `${SSL_WITH_KEYSTORE}\nmicronaut.server.dual-protocol: true`,
      `${VOLUMES}    ports:\n      - "8080:8080"\n      - "8443:8443"\n`,
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'port-not-listening'), []);
  });

  it('leaves ports alone that Kestra does not own, such as a debugger', () => {
    const text = composeFile(
      SSL_WITH_KEYSTORE,
      `${VOLUMES}    ports:\n      - "8443:8443"\n      - "5005:5005"\n`,
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'port-not-listening'), []);
  });

  it('reports a health check on 8080 while SSL is on', () => {
    const text = composeFile(
      SSL_WITH_KEYSTORE,
      `${VOLUMES}    ports:\n      - "8443:8443"\n    healthcheck:\n` +
        '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]\n',
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [finding] = findings(workspace, 'docker-compose.yml', 'port-not-listening');
    assert.equal(finding?.data?.port, 8080);
  });

  it('reports a Service targetPort name the container does not declare', () => {
    const workspace = workspaceOf({ 'k8s/kestra.yaml': kubernetesManifest('targetPort: web') });
    const [finding] = findings(workspace, 'k8s/kestra.yaml', 'port-not-listening');
    assert.equal(finding?.data?.portName, 'web');
    assert.deepEqual(finding?.data?.declared, ['https', 'management']);
  });

  it('reports an Ingress backend port the Service does not define, in the Ingress file', () => {
    const ingress = ingressManifest(80);
    const workspace = workspaceOf({
      'k8s/kestra.yaml': kubernetesManifest('targetPort: https'),
      'k8s/ingress.yaml': ingress,
    });
    const [finding] = findings(workspace, 'k8s/ingress.yaml', 'port-not-listening');
    assert.ok(finding);
    assert.equal(coveredText(ingress, finding), '80');
    assert.equal(finding.data?.replacement, 8443);
    assert.deepEqual(findings(workspace, 'k8s/kestra.yaml', 'port-not-listening'), []);
  });

  it('accepts an Ingress that routes to a port the Service defines', () => {
    const workspace = workspaceOf({
      'k8s/kestra.yaml': kubernetesManifest('targetPort: https'),
      'k8s/ingress.yaml': ingressManifest(8443),
    });
    assert.deepEqual(findings(workspace, 'k8s/ingress.yaml', 'port-not-listening'), []);
  });

  it('says nothing when a configuration file it reads is not in the workspace', () => {
    const text = composeFile(
      SSL_WITH_KEYSTORE,
      `${VOLUMES}    ports:\n      - "8080:8080"\n`,
    ).replace('command: server standalone', 'command: server standalone -c /app/conf/extra.yml');
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'port-not-listening'), []);
  });
});

describe('dead-port-setting', () => {
  it('reports micronaut.server.port and --port while SSL is on without dual-protocol', () => {
    const text = composeFile(`${SSL_WITH_KEYSTORE}\nmicronaut.server.port: 8085`).replace(
      'command: server standalone',
      'command: server standalone --port 8086',
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const reported = findings(workspace, 'docker-compose.yml', 'dead-port-setting');
    assert.deepEqual(reported.map((finding) => coveredText(text, finding)).sort(), [
      '--port',
      'micronaut.server.port',
    ]);
  });

  it('accepts micronaut.server.port while SSL is off', () => {
    const text = composeFile(
      'micronaut:\n  server:\n    port: 8085\nkestra:\n  url: http://localhost:8085/',
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'dead-port-setting'), []);
  });
});
