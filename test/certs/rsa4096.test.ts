import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateCertificateSet, writeCertificateSet } from '../../server/src/certs';
import { makeTempFolder, removeFolder, runTool, TLS_PROBE_SOURCE } from './support';

const PASSWORD = 'four-thousand-pw';

/** The default key size, as Kestra's guide uses it, proved end to end once. */
describe('a full RSA-4096 set with the defaults', () => {
  let folder: string;
  const inFolder = (name: string) => path.join(folder, name);

  before(async () => {
    folder = await makeTempFolder('rsa4096');
    const set = await generateCertificateSet({ password: PASSWORD });
    await writeCertificateSet(set, folder);
  });

  after(() => removeFolder(folder));

  it('has 4096-bit keys for the CA and the server', async () => {
    for (const name of ['ca.pem', 'server.pem']) {
      const cert = new X509Certificate(await fs.readFile(inFolder(name)));
      assert.equal(cert.publicKey.asymmetricKeyDetails?.modulusLength, 4096, name);
    }
  });

  it('verifies with openssl and lists in keytool', async () => {
    const verify = await runTool('openssl', [
      'verify',
      '-CAfile',
      inFolder('ca.pem'),
      inFolder('server.pem'),
    ]);
    assert.equal(verify.code, 0, verify.stderr);

    const list = await runTool('keytool', [
      '-list',
      '-keystore',
      inFolder('keystore.p12'),
      '-storepass',
      PASSWORD,
    ]);
    assert.equal(list.code, 0, list.stdout + list.stderr);
    assert.match(list.stdout, /^kestra, .*, PrivateKeyEntry,/m);
  });

  it('serves a TLS handshake in Java', async () => {
    const result = await runTool(
      'java',
      [TLS_PROBE_SOURCE, inFolder('keystore.p12'), inFolder('truststore.jks'), 'JKS', 'localhost'],
      { env: { TLS_PROBE_PASSWORD: PASSWORD } },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'echo: hello\n');
  });
});
