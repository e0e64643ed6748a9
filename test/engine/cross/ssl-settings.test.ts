import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeFile, coveredText, findings, workspaceOf } from './support';

const SERVICE = `    ports:
      - "8443:8443"
    volumes:
      - ./ssl:/app/ssl:ro
`;

describe('keystore-missing', () => {
  it('reports SSL turned on with no keystore, at the key that turns it on', () => {
    const text = composeFile('micronaut:\n  server:\n    ssl:\n      enabled: true', SERVICE);
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [finding] = findings(workspace, 'docker-compose.yml', 'keystore-missing');
    assert.equal(finding?.severity, 'error');
    assert.equal(finding && coveredText(text, finding), 'enabled');
  });

  it('accepts build-self-signed, even under the deprecated micronaut.ssl', () => {
    const text = composeFile(
      'micronaut:\n  ssl:\n    build-self-signed: true\n  server:\n    ssl:\n      enabled: true',
      SERVICE,
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'keystore-missing'), []);
  });

  it('accepts a keystore given by an environment variable', () => {
    const text = composeFile(
      'micronaut:\n  server:\n    ssl:\n      enabled: true',
      SERVICE,
    ).replace(
      '    environment:\n',
      '    environment:\n      MICRONAUT_SERVER_SSL_KEY_STORE_PATH: file:/app/ssl/keystore.p12\n',
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'keystore-missing'), []);
  });
});

describe('keystore-missing, with values the workspace does not show', () => {
  const manifest = (extraEnvironment: string) => `apiVersion: apps/v1
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
          args: ["server", "standalone"]
          env:${extraEnvironment}
            - name: KESTRA_CONFIGURATION
              value: |
                micronaut:
                  server:
                    ssl:
                      enabled: true
`;

  it('reports a keystore that no variable can provide', () => {
    const workspace = workspaceOf({ 'k8s/kestra.yaml': manifest('') });
    assert.equal(findings(workspace, 'k8s/kestra.yaml', 'keystore-missing').length, 1);
  });

  it('says nothing when a variable from a Secret may give the keystore', () => {
    const fromSecret = `
            - name: MICRONAUT_SERVER_SSL_KEY_STORE_PATH
              valueFrom:
                secretKeyRef:
                  name: kestra-ssl-settings
                  key: keystore-path`;
    const workspace = workspaceOf({ 'k8s/kestra.yaml': manifest(fromSecret) });
    assert.deepEqual(findings(workspace, 'k8s/kestra.yaml', 'keystore-missing'), []);
  });
});

const WITH_KEYSTORE = `micronaut:
  server:
    ssl:
      enabled: true
      client-authentication: MODE
      key-store:
        path: file:/app/ssl/keystore.p12
        password: \${KEYSTORE_PASSWORD}
        type: PKCS12`;

describe('truststore-missing', () => {
  it('reports client authentication without a truststore', () => {
    const text = composeFile(WITH_KEYSTORE.replace('MODE', 'want'), SERVICE);
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [finding] = findings(workspace, 'docker-compose.yml', 'truststore-missing');
    assert.equal(finding && coveredText(text, finding), 'want');
    assert.equal(finding?.data?.mode, 'want');
  });

  it('accepts client authentication with a truststore', () => {
    const config = `${WITH_KEYSTORE.replace('MODE', 'want')}
      trust-store:
        path: file:/app/ssl/truststore.p12
        password: \${TRUSTSTORE_PASSWORD}
        type: PKCS12`;
    const workspace = workspaceOf({ 'docker-compose.yml': composeFile(config, SERVICE) });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'truststore-missing'), []);
  });
});

describe('client-auth-need', () => {
  it('reports need on the server that serves the UI, case-insensitively', () => {
    const text = composeFile(WITH_KEYSTORE.replace('MODE', 'NEED'), SERVICE);
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [finding] = findings(workspace, 'docker-compose.yml', 'client-auth-need');
    assert.equal(finding && coveredText(text, finding), 'NEED');
    assert.equal(finding?.data?.replacement, 'want');
  });

  it('accepts need on a worker, which serves no UI', () => {
    const text = composeFile(WITH_KEYSTORE.replace('MODE', 'need'), SERVICE).replace(
      'command: server standalone',
      'command: server worker',
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'client-auth-need'), []);
  });
});

describe('inert-ssl-settings', () => {
  const outbound = `micronaut:
  http:
    client:
      proxy-address: proxy.example.com:3128
  server:
    ssl:
      client-authentication: want
      trust-store:
        path: file:/app/ssl/truststore.jks
        password: \${TRUSTSTORE_PASSWORD}
        type: JKS`;

  it('reports a server trust-store while server SSL is off, pointing at JAVA_OPTS', () => {
    const text = composeFile(outbound, '    ports:\n      - "8080:8080"\n');
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [finding, ...rest] = findings(workspace, 'docker-compose.yml', 'inert-ssl-settings');
    assert.equal(rest.length, 0);
    assert.equal(finding && coveredText(text, finding), 'ssl');
    assert.match(finding?.message ?? '', /javax\.net\.ssl\.trustStore/);
    assert.ok(
      ((finding?.data?.paths ?? []) as string[]).includes('micronaut.server.ssl.trust-store.path'),
    );
  });

  it('accepts the same settings once SSL is on', () => {
    const config = outbound.replace(
      '    ssl:\n',
      '    ssl:\n      enabled: true\n      build-self-signed: true\n',
    );
    const workspace = workspaceOf({ 'docker-compose.yml': composeFile(config, SERVICE) });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'inert-ssl-settings'), []);
  });

  it('says nothing when SSL may be turned on in a file the workspace does not hold', () => {
    const text = composeFile(outbound, '    ports:\n      - "8080:8080"\n').replace(
      'command: server standalone',
      'command: server standalone --config /etc/kestra/ssl.yml',
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'inert-ssl-settings'), []);
  });
});

describe('csrf-without-ssl', () => {
  const csrf = 'micronaut:\n  security:\n    csrf:\n      enabled: true';

  it('reports CSRF protection on plain HTTP', () => {
    const text = composeFile(csrf, '    ports:\n      - "8080:8080"\n');
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    const [finding] = findings(workspace, 'docker-compose.yml', 'csrf-without-ssl');
    assert.equal(finding && coveredText(text, finding), 'true');
  });

  it('accepts CSRF protection behind a proxy that serves HTTPS', () => {
    const config = `${csrf}\nkestra:\n  url: https://kestra.example.com/`;
    const workspace = workspaceOf({
      'docker-compose.yml': composeFile(config, '    ports:\n      - "8080:8080"\n'),
    });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'csrf-without-ssl'), []);
  });
});
