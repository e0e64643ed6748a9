import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { kubernetesManifest, SSL_WITH_KEYSTORE } from './manifests';
import { composeFile, coveredText, FakeFileSystem, FOLDER, findings, workspaceOf } from './support';

const PORTS = `    ports:
      - "8443:8443"
`;

describe('store-not-mounted', () => {
  it('reports a keystore path under no volume of the Kestra image', () => {
    const text = composeFile(SSL_WITH_KEYSTORE, PORTS);
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [finding, ...rest] = findings(workspace, 'docker-compose.yml', 'store-not-mounted');
    assert.equal(rest.length, 0);
    assert.ok(finding);
    assert.equal(finding.severity, 'error');
    assert.equal(coveredText(text, finding), 'file:/app/ssl/keystore.p12');
    assert.match(finding.message, /\.\/ssl:\/app\/ssl:ro/);
  });

  it('is information only when the image is the user’s own', () => {
    const text = composeFile(SSL_WITH_KEYSTORE, PORTS).replace(
      'image: kestra/kestra:latest',
      'image: registry.example.com/platform/kestra-with-certs:1.0',
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [finding] = findings(workspace, 'docker-compose.yml', 'store-not-mounted');
    assert.equal(finding?.severity, 'information');
  });

  it('accepts a keystore whose folder is bind-mounted', () => {
    const text = composeFile(
      SSL_WITH_KEYSTORE,
      `${PORTS}    volumes:\n      - ./ssl:/app/ssl:ro\n`,
    );
    const workspace = workspaceOf(
      { 'docker-compose.yml': text },
      new FakeFileSystem(['ssl/keystore.p12']),
    );
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'store-not-mounted'), []);
  });

  it('ignores the keystore when build-self-signed replaces it', () => {
    const text = composeFile(
      `${SSL_WITH_KEYSTORE}\nmicronaut.server.ssl.build-self-signed: true`,
      PORTS,
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'store-not-mounted'), []);
  });
});

describe('store-file-missing', () => {
  const mounted = composeFile(
    SSL_WITH_KEYSTORE,
    `${PORTS}    volumes:\n      - ./certs:/app/ssl:ro\n`,
  );

  it('reports a bind-mounted folder without the keystore', () => {
    const fileSystem = new FakeFileSystem(['certs/truststore.jks']);
    const workspace = workspaceOf({ 'deploy/docker-compose.yml': mounted }, fileSystem);
    const [finding] = findings(workspace, 'deploy/docker-compose.yml', 'store-file-missing');
    assert.equal(finding?.severity, 'warning');
    assert.equal(finding?.data?.hostPath, path.join(FOLDER, 'deploy/certs/keystore.p12'));
    assert.match(finding?.message ?? '', /`certs\/keystore\.p12` is not there/);
  });

  it('is information when the folder is git-ignored, as generated certificates are', () => {
    const fileSystem = new FakeFileSystem([], ['deploy/certs']);
    const workspace = workspaceOf({ 'deploy/docker-compose.yml': mounted }, fileSystem);
    const [finding] = findings(workspace, 'deploy/docker-compose.yml', 'store-file-missing');
    assert.equal(finding?.severity, 'information');
    assert.equal(finding?.data?.ignored, true);
  });

  it('accepts a keystore that is there', () => {
    const fileSystem = new FakeFileSystem(['deploy/certs/keystore.p12']);
    const workspace = workspaceOf({ 'deploy/docker-compose.yml': mounted }, fileSystem);
    assert.deepEqual(findings(workspace, 'deploy/docker-compose.yml', 'store-file-missing'), []);
  });

  it('never reads host paths outside the workspace folder', () => {
    const text = composeFile(
      SSL_WITH_KEYSTORE,
      `${PORTS}    volumes:\n      - /app/ssl:/app/ssl\n`,
    );
    const fileSystem = new FakeFileSystem();
    const workspace = workspaceOf({ 'docker-compose.yml': text }, fileSystem);
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'store-file-missing'), []);
    assert.deepEqual(fileSystem.asked, []);
  });

  it('reports a Secret of the workspace without the key, and accepts one with it', () => {
    const secret = (key: string) => `apiVersion: v1
kind: Secret
metadata:
  name: kestra-ssl
type: Opaque
data:
  ${key}: MIIKcAIBAzCCCioGCSqGSIb3DQEHAaCCChsEggoXMIIKEzCCBW8GCSqGSIb3DQEHAaCCBWAEggVcMIIFWDCC
`;
    const manifest = kubernetesManifest('targetPort: https');
    const broken = workspaceOf({
      'k8s/kestra.yaml': manifest,
      'k8s/secret.yaml': secret('server.p12'),
    });
    const [finding] = findings(broken, 'k8s/kestra.yaml', 'store-file-missing');
    assert.equal(finding?.data?.key, 'keystore.p12');
    assert.deepEqual(finding?.data?.keys, ['server.p12']);
    const fixed = workspaceOf({
      'k8s/kestra.yaml': manifest,
      'k8s/secret.yaml': secret('keystore.p12'),
    });
    assert.deepEqual(findings(fixed, 'k8s/kestra.yaml', 'store-file-missing'), []);
  });

  it('reports volume items that do not project the keystore, even without the Secret', () => {
    const manifest = kubernetesManifest('targetPort: https').replace(
      '            secretName: kestra-ssl\n',
      '            secretName: kestra-ssl\n            items:\n' +
        '              - key: tls.crt\n                path: tls.crt\n',
    );
    const workspace = workspaceOf({ 'k8s/kestra.yaml': manifest });
    const [finding] = findings(workspace, 'k8s/kestra.yaml', 'store-file-missing');
    assert.equal(finding?.data?.missingPath, 'keystore.p12');
  });

  it('says nothing about a Secret that is not in the workspace', () => {
    const workspace = workspaceOf({ 'k8s/kestra.yaml': kubernetesManifest('targetPort: https') });
    assert.deepEqual(findings(workspace, 'k8s/kestra.yaml', 'store-file-missing'), []);
  });

  it('counts the keys a cert-manager Certificate writes into the Secret', () => {
    const certificate = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: kestra
spec:
  secretName: kestra-ssl
  dnsNames: [kestra.example.com]
  issuerRef:
    name: internal-ca
    kind: ClusterIssuer
  keystores:
    pkcs12:
      create: true
      passwordSecretRef:
        name: kestra-keystore-password
        key: password
`;
    const workspace = workspaceOf({
      'k8s/kestra.yaml': kubernetesManifest('targetPort: https'),
      'k8s/certificate.yaml': certificate,
    });
    assert.deepEqual(findings(workspace, 'k8s/kestra.yaml', 'store-file-missing'), []);
    const withoutKeystores = workspaceOf({
      'k8s/kestra.yaml': kubernetesManifest('targetPort: https'),
      'k8s/certificate.yaml': certificate.replace(/ {2}keystores:[\s\S]*$/, ''),
    });
    assert.equal(findings(withoutKeystores, 'k8s/kestra.yaml', 'store-file-missing').length, 1);
  });
});

describe('classpath-store', () => {
  it('reports a classpath: keystore in a Kestra deployment and suggests a file path', () => {
    const text = composeFile(
      SSL_WITH_KEYSTORE.replace('file:/app/ssl/keystore.p12', 'classpath:ssl/keystore.p12'),
      PORTS,
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [finding] = findings(workspace, 'docker-compose.yml', 'classpath-store');
    assert.equal(finding?.severity, 'error');
    assert.equal(finding?.data?.replacement, 'file:/app/ssl/keystore.p12');
  });

  it('accepts file: paths', () => {
    const text = composeFile(
      SSL_WITH_KEYSTORE,
      `${PORTS}    volumes:\n      - ./ssl:/app/ssl:ro\n`,
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'classpath-store'), []);
  });
});

describe('store-type-mismatch', () => {
  it('tells, as information, that type JKS names a .p12 file', () => {
    const text = composeFile(
      SSL_WITH_KEYSTORE.replace('type: PKCS12', 'type: JKS'),
      `${PORTS}    volumes:\n      - ./ssl:/app/ssl:ro\n`,
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [finding] = findings(workspace, 'docker-compose.yml', 'store-type-mismatch');
    assert.equal(finding?.severity, 'information');
    assert.equal(finding && coveredText(text, finding), 'JKS');
    assert.equal(finding?.data?.replacement, 'PKCS12');
  });

  it('accepts a type that agrees with the name, whatever its case', () => {
    const text = composeFile(
      SSL_WITH_KEYSTORE.replace('type: PKCS12', 'type: pkcs12'),
      `${PORTS}    volumes:\n      - ./ssl:/app/ssl:ro\n`,
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'store-type-mismatch'), []);
  });
});
