import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ingressManifest, kubernetesManifest } from './manifests';
import { composeFile, coveredText, findings, workspaceOf } from './support';

const PLAIN = 'kestra:\n  url: http://localhost:8080/';

function withJavaOptions(options: string, service: string): string {
  return composeFile(PLAIN, service).replace(
    '    environment:\n',
    `    environment:\n      JAVA_OPTS: "${options}"\n`,
  );
}

const MOUNTED = '    ports:\n      - "8080:8080"\n    volumes:\n      - ./ssl:/app/ssl:ro\n';

describe('java-truststore', () => {
  it('reports a JVM truststore under no volume: Java falls back to cacerts silently', () => {
    const text = withJavaOptions(
      '-Djavax.net.ssl.trustStore=/etc/ssl/truststore.p12 ' +
        `-Djavax.net.ssl.trustStorePassword=\${TRUSTSTORE_PASSWORD}`,
      '    ports:\n      - "8080:8080"\n',
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const reported = findings(workspace, 'docker-compose.yml', 'java-truststore');
    assert.deepEqual(
      reported.map((finding) => finding.data?.problem),
      ['not-mounted'],
    );
    assert.equal(coveredText(text, reported[0]!), '/etc/ssl/truststore.p12');
  });

  it('reports a PKCS12 truststore without its password', () => {
    const text = withJavaOptions('-Djavax.net.ssl.trustStore=/app/ssl/truststore.p12', MOUNTED);
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [finding] = findings(workspace, 'docker-compose.yml', 'java-truststore');
    assert.equal(finding?.data?.problem, 'password-missing');
    assert.equal(finding?.severity, 'warning');
    assert.equal(finding && coveredText(text, finding), '-Djavax.net.ssl.trustStore');
  });

  it('tells a type that disagrees with the file name', () => {
    const text = withJavaOptions(
      '-Djavax.net.ssl.trustStore=/app/ssl/truststore.p12 ' +
        `-Djavax.net.ssl.trustStorePassword=\${TRUSTSTORE_PASSWORD} ` +
        '-Djavax.net.ssl.trustStoreType=JKS',
      MOUNTED,
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [finding] = findings(workspace, 'docker-compose.yml', 'java-truststore');
    assert.equal(finding?.data?.problem, 'type-mismatch');
    assert.equal(finding?.severity, 'information');
  });

  it("hints that the server's private-CA truststore replaces cacerts", () => {
    const config = `micronaut:
  server:
    ssl:
      enabled: true
      client-authentication: want
      key-store:
        path: file:/app/ssl/keystore.p12
        password: \${KEYSTORE_PASSWORD}
      trust-store:
        path: file:/app/ssl/truststore.jks
        password: \${TRUSTSTORE_PASSWORD}`;
    const text = composeFile(config, MOUNTED.replace('8080:8080', '8443:8443')).replace(
      '    environment:\n',
      '    environment:\n' +
        '      JAVA_OPTS: -Djavax.net.ssl.trustStore=/app/ssl/truststore.jks ' +
        `-Djavax.net.ssl.trustStorePassword=\${TRUSTSTORE_PASSWORD}\n`,
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const reported = findings(workspace, 'docker-compose.yml', 'java-truststore');
    assert.deepEqual(
      reported.map((finding) => [finding.severity, finding.data?.problem]),
      [['hint', 'replaces-cacerts']],
    );
  });

  it('accepts a mounted truststore with its password, built from cacerts', () => {
    const text = withJavaOptions(
      '-Djavax.net.ssl.trustStore=/app/ssl/cacerts-with-internal-ca.p12 ' +
        `-Djavax.net.ssl.trustStorePassword=\${TRUSTSTORE_PASSWORD} ` +
        '-Djavax.net.ssl.trustStoreType=PKCS12',
      MOUNTED,
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'java-truststore'), []);
  });
});

describe('url-mismatch', () => {
  it('reports kestra.url on a port that compose does not publish', () => {
    const text = composeFile(PLAIN, '    ports:\n      - "8056:8080"\n      - "8057:8081"\n');
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [finding] = findings(workspace, 'docker-compose.yml', 'url-mismatch');
    assert.equal(finding && coveredText(text, finding), 'http://localhost:8080/');
    assert.equal(finding?.data?.replacement, 'http://localhost:8056/');
  });

  it('reports http while Kestra serves HTTPS only, and suggests the published port', () => {
    const config = `micronaut:
  server:
    ssl:
      enabled: true
      key-store:
        path: file:/app/ssl/keystore.p12
kestra:
  url: http://localhost:8080/`;
    const text = composeFile(
      config,
      '    ports:\n      - "9443:8443"\n    volumes:\n      - ./ssl:/app/ssl\n',
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [finding] = findings(workspace, 'docker-compose.yml', 'url-mismatch');
    assert.equal(finding?.data?.replacement, 'https://localhost:9443/');
  });

  it('reports http for a host that its Ingress serves over TLS', () => {
    const manifest = kubernetesManifest('targetPort: https').replace(
      '                        type: PKCS12\n',
      '                        type: PKCS12\n' +
        '                kestra:\n                  url: http://kestra.example.com/\n',
    );
    const workspace = workspaceOf({
      'k8s/kestra.yaml': manifest,
      'k8s/ingress.yaml': ingressManifest(8443),
    });
    const [finding] = findings(workspace, 'k8s/kestra.yaml', 'url-mismatch');
    assert.equal(finding?.data?.replacement, 'https://kestra.example.com/');
  });

  it('accepts the URL users reach, and leaves placeholders alone', () => {
    const published = workspaceOf({
      'docker-compose.yml': composeFile(PLAIN, '    ports:\n      - "8080:8080"\n'),
    });
    assert.deepEqual(findings(published, 'docker-compose.yml', 'url-mismatch'), []);
    const placeholder = workspaceOf({
      'docker-compose.yml': composeFile(
        `kestra:\n  url: \${KESTRA_URL:-http://localhost:8080/}`,
        '    ports:\n      - "8056:8080"\n',
      ),
    });
    assert.deepEqual(findings(placeholder, 'docker-compose.yml', 'url-mismatch'), []);
  });
});
