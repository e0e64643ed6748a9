import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateCertificateSet, writeCertificateSet } from '../../server/src/certs';
import {
  makeTempFolder,
  removeFolder,
  runTool,
  TLS_PROBE_SOURCE,
  type ToolResult,
} from './support';

const PASSWORD = 'handshake-pw';

/** Runs the Java probe: a server with keystore.p12 and a client with the given truststore. */
function probe(folder: string, truststore: string, type: string, host: string) {
  return runTool(
    'java',
    [
      TLS_PROBE_SOURCE,
      path.join(folder, 'keystore.p12'),
      path.join(folder, truststore),
      type,
      host,
    ],
    { env: { TLS_PROBE_PASSWORD: PASSWORD } },
  );
}

function assertExchanged(result: ToolResult): void {
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, 'echo: hello\n');
}

/**
 * A real TLS handshake in Java, with HTTPS host name verification: what Kestra (the
 * server) and a Java client (a task calling Kestra) do with the generated stores.
 */
describe('TLS handshake in Java with the generated stores', () => {
  let folder: string;

  before(async () => {
    folder = await makeTempFolder('handshake');
    const set = await generateCertificateSet({
      password: PASSWORD,
      keySize: 2048,
      subjectAltNames: ['DNS:localhost', 'IP:127.0.0.1'],
    });
    await writeCertificateSet(set, folder);
  });

  after(() => removeFolder(folder));

  it('connects to localhost trusting truststore.jks', async () => {
    assertExchanged(await probe(folder, 'truststore.jks', 'JKS', 'localhost'));
  });

  it('connects to 127.0.0.1 trusting truststore.p12', async () => {
    assertExchanged(await probe(folder, 'truststore.p12', 'PKCS12', '127.0.0.1'));
  });

  it('refuses a host name the certificate does not list', async () => {
    const result = await probe(folder, 'truststore.jks', 'JKS', 'kestra.example.test');
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /No subject alternative DNS name matching kestra\.example\.test/);
    assert.equal(result.stdout, '');
  });
});
