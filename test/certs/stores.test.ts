import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateCertificateSet, writeCertificateSet } from '../../server/src/certs';
import { makeTempFolder, removeFolder, runTool } from './support';

const PASSWORD = 'kestra-store-pw';

/**
 * The set as the real tools see it: openssl 3 without -legacy and keytool from the JDK.
 */
describe('stores and certificates read by openssl and keytool', () => {
  let folder: string;
  const inFolder = (name: string) => path.join(folder, name);

  before(async () => {
    folder = await makeTempFolder('stores');
    const set = await generateCertificateSet({ password: PASSWORD, keySize: 2048 });
    await writeCertificateSet(set, folder);
  });

  after(() => removeFolder(folder));

  it('openssl verifies the server certificate against the CA for TLS server use', async () => {
    const result = await runTool('openssl', [
      'verify',
      '-x509_strict',
      '-purpose',
      'sslserver',
      '-CAfile',
      inFolder('ca.pem'),
      inFolder('server.pem'),
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), `${inFolder('server.pem')}: OK`);
  });

  it('openssl refuses the server certificate without the CA', async () => {
    const result = await runTool('openssl', ['verify', inFolder('server.pem')]);
    assert.notEqual(result.code, 0);
  });

  it('openssl accepts the certificate request signature', async () => {
    const result = await runTool('openssl', [
      'req',
      '-in',
      inFolder('server.csr'),
      '-verify',
      '-noout',
      '-text',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout + result.stderr, /verify OK/);
    assert.match(result.stdout, /DNS:localhost, IP Address:127\.0\.0\.1/);
  });

  it('openssl 3 reads keystore.p12 without -legacy, and only with the password', async () => {
    const args = ['pkcs12', '-info', '-in', inFolder('keystore.p12'), '-noout'];
    const good = await runTool('openssl', [...args, '-passin', `pass:${PASSWORD}`]);
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stderr, /MAC: sha256/);
    assert.match(good.stderr, /Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/);

    const bad = await runTool('openssl', [...args, '-passin', 'pass:not-the-password']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /Mac verify error/i);
  });

  it('keystore.p12 holds the very key of server.key', async () => {
    const result = await runTool('openssl', [
      'pkcs12',
      '-in',
      inFolder('keystore.p12'),
      '-nocerts',
      '-nodes',
      '-passin',
      `pass:${PASSWORD}`,
    ]);
    assert.equal(result.code, 0, result.stderr);
    const fromStore = createPrivateKey(result.stdout);
    const fromPem = createPrivateKey(await fs.readFile(inFolder('server.key')));
    assert.deepEqual(
      fromStore.export({ type: 'pkcs8', format: 'der' }),
      fromPem.export({ type: 'pkcs8', format: 'der' }),
    );
  });

  it('openssl decrypts ca.key with the password only', async () => {
    const args = ['pkey', '-in', inFolder('ca.key'), '-noout'];
    const good = await runTool('openssl', [...args, '-passin', `pass:${PASSWORD}`]);
    assert.equal(good.code, 0, good.stderr);
    const bad = await runTool('openssl', [...args, '-passin', 'pass:not-the-password']);
    assert.notEqual(bad.code, 0);
  });

  it('keytool lists keystore.p12 as a PrivateKeyEntry with the chain under the alias', async () => {
    const result = await runTool('keytool', [
      '-list',
      '-v',
      '-keystore',
      inFolder('keystore.p12'),
      '-storepass',
      PASSWORD,
    ]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /Keystore type: PKCS12/);
    assert.match(result.stdout, /Your keystore contains 1 entry/);
    assert.match(result.stdout, /Alias name: kestra\n/);
    assert.match(result.stdout, /Entry type: PrivateKeyEntry/);
    assert.match(result.stdout, /Certificate chain length: 2/);
  });

  for (const [file, storeType] of [
    ['truststore.jks', 'JKS'],
    ['truststore.p12', 'PKCS12'],
  ] as const) {
    it(`keytool lists the CA in ${file} as a trustedCertEntry`, async () => {
      const result = await runTool('keytool', [
        '-list',
        '-keystore',
        inFolder(file),
        '-storetype',
        storeType,
        '-storepass',
        PASSWORD,
      ]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, new RegExp(`Keystore type: ${storeType}`));
      assert.match(result.stdout, /Your keystore contains 1 entry/);
      assert.match(result.stdout, /^kestra-ca, .*, trustedCertEntry,/m);
      const ca = new X509Certificate(await fs.readFile(inFolder('ca.pem')));
      assert.match(result.stdout, new RegExp(`\\(SHA-256\\): ${ca.fingerprint256}`));
    });

    it(`keytool refuses ${file} with a wrong password`, async () => {
      const result = await runTool('keytool', [
        '-list',
        '-keystore',
        inFolder(file),
        '-storetype',
        storeType,
        '-storepass',
        'not-the-password',
      ]);
      assert.notEqual(result.code, 0);
      assert.match(result.stdout + result.stderr, /password was incorrect|Integrity check failed/);
    });
  }
});
