import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, symlinkSync, utimesSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  codes,
  composeWithStores,
  deepWorkspace,
  PASSWORD,
  type StoreLines,
  type TempFolder,
  tempFolder,
  writeGeneratedSet,
} from './support';

/** A placeholder without a default, which only the container's environment resolves. */
const NO_DEFAULT = `\${KS_PASSWORD}`;

const BOTH: StoreLines = {
  keystore: 'file:/app/ssl/keystore.p12',
  keystoreType: 'PKCS12',
  keystorePassword: PASSWORD,
  truststore: 'file:/app/ssl/truststore.p12',
  truststoreType: 'PKCS12',
  truststorePassword: PASSWORD,
};

describe('what the deep checks read, and how often', () => {
  let folder: TempFolder;
  let outside: TempFolder;

  before(async () => {
    folder = tempFolder('limits');
    outside = tempFolder('outside');
    await Promise.all([
      writeGeneratedSet(path.join(folder.root, 'certs')),
      writeGeneratedSet(path.join(folder.root, 'renewed')),
      writeGeneratedSet(path.join(outside.root, 'certs')),
    ]);
  });
  after(() => {
    folder.remove();
    outside.remove();
  });

  it('does not read a store over 1 MB, and says so', () => {
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set(randomBytes(big.length));
    big[0] = 0x30;
    folder.write('big/keystore.p12', big);
    const deep = deepWorkspace(folder.root);
    deep.set('docker-compose.yml', composeWithStores(BOTH, './big:/app/ssl'));
    const found = deep.deep('docker-compose.yml');
    assert.deepEqual(codes(found), ['store-content information']);
    assert.match(found[0]?.message ?? '', /more than the 1 MB/);
    assert.equal(deep.opens(), 0);
  });

  it('does not read a store outside the workspace folder', () => {
    const deep = deepWorkspace(folder.root);
    const wrong = { ...BOTH, keystorePassword: 'wrong', truststorePassword: 'wrong' };
    deep.set('docker-compose.yml', composeWithStores(wrong, `${outside.root}/certs:/app/ssl`));
    assert.deepEqual(deep.deep('docker-compose.yml'), []);
    const relative = path.relative(folder.root, path.join(outside.root, 'certs'));
    deep.set('docker-compose.yml', composeWithStores(wrong, `${relative}:/app/ssl`));
    assert.deepEqual(deep.deep('docker-compose.yml'), []);
    assert.equal(deep.opens(), 0);
  });

  it('does not follow a symbolic link out of the workspace folder', () => {
    const link = path.join(folder.root, 'linked', 'keystore.p12');
    folder.write('linked/.keep', '');
    symlinkSync(path.join(outside.root, 'certs', 'keystore.p12'), link);
    const deep = deepWorkspace(folder.root);
    const stores = { ...BOTH, keystorePassword: 'wrong', truststore: undefined };
    deep.set('docker-compose.yml', composeWithStores(stores, './linked:/app/ssl'));
    assert.deepEqual(deep.deep('docker-compose.yml'), []);
    assert.equal(deep.opens(), 0);
  });

  it('reads nothing with deepValidation off, and reads again once it is back on', () => {
    const deep = deepWorkspace(folder.root, { deepValidation: false });
    const stores = { ...BOTH, keystorePassword: 'wrong' };
    deep.set('docker-compose.yml', composeWithStores(stores, './certs:/app/ssl'));
    assert.deepEqual(deep.deep('docker-compose.yml'), []);
    assert.equal(deep.opens(), 0);
    deep.workspace.setDeepValidation({ deepValidation: true });
    assert.deepEqual(codes(deep.deep('docker-compose.yml')), ['store-password error']);
    assert.equal(deep.opens(), 2);
    deep.workspace.setDeepValidation({ deepValidation: false });
    assert.deepEqual(deep.deep('docker-compose.yml'), []);
  });

  it('opens a store once per content and passwords, not once per edit', () => {
    folder.write('cached/.keep', '');
    const keystore = path.join(folder.root, 'cached', 'keystore.p12');
    copyFileSync(path.join(folder.root, 'certs', 'keystore.p12'), keystore);
    const deep = deepWorkspace(folder.root);
    const stores = { ...BOTH, truststore: undefined };
    const text = composeWithStores(stores, './cached:/app/ssl');
    deep.set('docker-compose.yml', text);
    assert.deepEqual(deep.deep('docker-compose.yml'), []);
    assert.equal(deep.opens(), 1);

    // Edits that leave the store and its password alone reuse the report.
    deep.set('docker-compose.yml', `# Kestra over HTTPS\n${text}`);
    assert.deepEqual(deep.deep('docker-compose.yml'), []);
    deep.set('docker-compose.yml', `# Kestra over HTTPS, edited\n${text}`);
    assert.deepEqual(deep.deep('docker-compose.yml'), []);
    assert.equal(deep.opens(), 1, 'the second and third diagnose did not open the store');

    // A new stamp with the same bytes is read again but not opened again.
    const later = new Date(Date.now() + 60_000);
    utimesSync(keystore, later, later);
    deep.workspace.fileSystemChanged();
    assert.deepEqual(deep.deep('docker-compose.yml'), []);
    assert.equal(deep.opens(), 1);

    // New bytes are opened, and so is the same file with another password.
    copyFileSync(path.join(folder.root, 'renewed', 'keystore.p12'), keystore);
    deep.workspace.fileSystemChanged();
    assert.deepEqual(deep.deep('docker-compose.yml'), []);
    assert.equal(deep.opens(), 2);
    deep.set('docker-compose.yml', text.replace(`"${PASSWORD}"`, '"wrong"'));
    assert.deepEqual(codes(deep.deep('docker-compose.yml')), ['store-password error']);
    assert.equal(deep.opens(), 3);
  });
});

describe('how the deep checks find a store and its password', () => {
  let folder: TempFolder;

  before(async () => {
    folder = tempFolder('find');
    await writeGeneratedSet(path.join(folder.root, 'certs'));
  });
  after(() => folder.remove());

  const keystoreWith = (password: string) =>
    composeWithStores({
      keystore: 'file:/app/ssl/keystore.p12',
      keystoreType: 'PKCS12',
      keystorePassword: password,
    });

  for (const password of [
    `\${KS_PASSWORD:${PASSWORD}}`,
    `\${KS_PASSWORD:-${PASSWORD}}`,
    `$\${KS_PASSWORD:${PASSWORD}}`,
  ]) {
    it(`opens the store with the default of ${password}`, () => {
      const deep = deepWorkspace(folder.root);
      deep.set('docker-compose.yml', keystoreWith(password));
      assert.deepEqual(deep.deep('docker-compose.yml'), []);
      assert.equal(deep.opens(), 1);
    });
  }

  it('says once, as information, that a password without a default left the store shut', () => {
    const deep = deepWorkspace(folder.root);
    deep.set('docker-compose.yml', keystoreWith(NO_DEFAULT));
    const found = deep.deep('docker-compose.yml');
    assert.deepEqual(codes(found), ['store-password information']);
    assert.match(found[0]?.message ?? '', /micronaut\.server\.ssl\.key-store\.password/);
    assert.doesNotMatch(found[0]?.message ?? '', /KS_PASSWORD/, 'a password is never shown');
    assert.equal(deep.opens(), 0);
  });

  it('reads a store relative to a configuration file that stands alone', () => {
    const deep = deepWorkspace(folder.root);
    const text = [
      'kestra:',
      '  url: https://localhost:8443/',
      'micronaut:',
      '  server:',
      '    ssl:',
      '      enabled: true',
      '      key-store:',
      '        path: file:../certs/keystore.p12',
      '        password: wrong',
      '        type: PKCS12',
      '',
    ].join('\n');
    deep.set('config/application.yml', text);
    assert.deepEqual(codes(deep.deep('config/application.yml')), ['store-password error']);
    deep.set('config/application.yml', text.replace('wrong', PASSWORD));
    assert.deepEqual(deep.deep('config/application.yml'), []);
    assert.equal(deep.opens(), 2);
  });

  it('leaves a store mounted from a Kubernetes Secret alone', () => {
    const deep = deepWorkspace(folder.root);
    deep.set('kestra.yaml', kubernetesManifest({ kind: 'secret', password: NO_DEFAULT }));
    assert.deepEqual(deep.deep('kestra.yaml'), []);
    assert.equal(deep.opens(), 0);
  });

  it('checks the names of an Ingress that passes TLS through to Kestra', () => {
    const deep = deepWorkspace(folder.root);
    const manifest = kubernetesManifest({ kind: 'hostPath', password: PASSWORD });
    deep.set('kestra.yaml', `${manifest}---\n${ingress('passthrough')}`);
    const found = deep.deep('kestra.yaml');
    assert.deepEqual(codes(found), ['cert-hostname error']);
    assert.deepEqual(found[0]?.data?.names, ['example.kestra.com']);
  });

  for (const mode of ['terminates', 'plain'] as const) {
    const ingressDoes = mode === 'plain' ? 'speaks plain HTTP' : 'serves its own certificate';
    it(`leaves alone the names of an Ingress that ${ingressDoes}`, () => {
      const deep = deepWorkspace(folder.root);
      const manifest = kubernetesManifest({
        kind: 'hostPath',
        password: PASSWORD,
        kestraUrl: 'https://example.kestra.com/',
      });
      deep.set('kestra.yaml', `${manifest}---\n${ingress(mode)}`);
      assert.deepEqual(deep.deep('kestra.yaml'), []);
      assert.equal(deep.opens(), 1);
    });
  }

  /** A Deployment and its Service, the stores mounted from a Secret or a host folder. */
  function kubernetesManifest(options: {
    kind: 'secret' | 'hostPath';
    password: string;
    kestraUrl?: string;
  }) {
    const url =
      options.kestraUrl === undefined
        ? ''
        : `\n                kestra:\n                  url: ${options.kestraUrl}`;
    const volume =
      options.kind === 'secret'
        ? 'secret:\n            secretName: kestra-ssl'
        : `hostPath:\n            path: ${path.join(folder.root, 'certs')}`;
    return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kestra
spec:
  selector:
    matchLabels:
      app: kestra
  template:
    metadata:
      labels:
        app: kestra
    spec:
      containers:
        - name: kestra
          image: kestra/kestra:v0.24.0
          args: ["server", "standalone"]
          ports:
            - name: https
              containerPort: 8443
          env:
            - name: KESTRA_CONFIGURATION
              value: |
                micronaut:
                  server:
                    ssl:
                      enabled: true
                      key-store:
                        path: file:/app/ssl/keystore.p12
                        password: ${options.password}
                        type: PKCS12${url}
          volumeMounts:
            - name: ssl
              mountPath: /app/ssl
      volumes:
        - name: ssl
          ${volume}
---
apiVersion: v1
kind: Service
metadata:
  name: kestra
spec:
  selector:
    app: kestra
  ports:
    - name: https
      port: 8443
      targetPort: 8443
`;
  }
});

/**
 * An Ingress for example.kestra.com that passes TLS through to Kestra, terminates it with
 * a certificate of its own, or speaks plain HTTP to clients.
 */
function ingress(mode: 'passthrough' | 'terminates' | 'plain'): string {
  const passthrough = mode === 'passthrough';
  const tls =
    mode === 'terminates'
      ? '  tls:\n    - hosts:\n        - example.kestra.com\n      secretName: kestra-tls\n'
      : '';
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: kestra
  annotations:
    nginx.ingress.kubernetes.io/backend-protocol: HTTPS
    nginx.ingress.kubernetes.io/ssl-passthrough: "${passthrough}"
spec:
  ingressClassName: nginx
${tls}  rules:
    - host: example.kestra.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: kestra
                port:
                  number: 8443
`;
}
