import assert from 'node:assert/strict';
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import {
  CERTIFICATE_FILE_NAMES,
  CertificateOptionsError,
  type CertificateSet,
  generateCertificateSet,
  writeCertificateSet,
} from '../../server/src/certs';
import { makeTempFolder, removeFolder, runTool } from './support';

const PASSWORD = 'Tr0ub4dor&3-store';

function fileOf(set: CertificateSet, name: string): Buffer {
  const file = set.files.find((candidate) => candidate.name === name);
  assert.ok(file, `the set has ${name}`);
  return file.bytes;
}

describe('generated certificate set', () => {
  let set: CertificateSet;
  let folder: string;

  before(async () => {
    set = await generateCertificateSet({
      password: PASSWORD,
      commonName: 'kestra.example.test',
      subjectAltNames: ['DNS:localhost', 'IP:127.0.0.1', 'IP:::1', '*.apps.example.test'],
      validityDays: 30,
      keySize: 2048,
      alias: 'kestra-web',
      folder: 'ssl',
    });
    folder = await makeTempFolder('generator');
    await writeCertificateSet(set, folder);
  });

  after(() => removeFolder(folder));

  it('holds every file, in order', () => {
    assert.deepEqual(
      set.files.map((file) => file.name),
      [...CERTIFICATE_FILE_NAMES],
    );
  });

  it('puts the common name into the SANs so they always match', () => {
    const server = new X509Certificate(fileOf(set, 'server.pem'));
    assert.equal(server.subject, 'CN=kestra.example.test');
    assert.equal(
      server.subjectAltName,
      'DNS:kestra.example.test, DNS:localhost, IP Address:127.0.0.1, ' +
        'IP Address:0:0:0:0:0:0:0:1, DNS:*.apps.example.test',
    );
    assert.equal(server.checkHost('kestra.example.test'), 'kestra.example.test');
    assert.equal(server.checkHost('ui.apps.example.test'), '*.apps.example.test');
    assert.equal(server.checkIP('127.0.0.1'), '127.0.0.1');
    assert.equal(server.checkHost('other.example.test'), undefined);
  });

  it('signs the server certificate with the CA, SHA-256, random 16-byte serials', () => {
    const ca = new X509Certificate(fileOf(set, 'ca.pem'));
    const server = new X509Certificate(fileOf(set, 'server.pem'));
    assert.ok(server.verify(ca.publicKey), 'the CA signature verifies');
    assert.ok(ca.verify(ca.publicKey), 'the CA is self-signed');
    assert.ok(server.checkIssued(ca));
    assert.equal(ca.ca, true);
    assert.equal(server.ca, false);
    for (const cert of [ca, server]) {
      assert.match(cert.serialNumber, /^[4-7][0-9A-F]{31}$/);
    }
    assert.notEqual(ca.serialNumber, server.serialNumber);
    assert.notEqual(ca.subject, server.subject, 'the CA does not look like the server');
  });

  it('has the extensions a browser and Java expect (read by openssl)', async () => {
    const server = await runTool('openssl', [
      'x509',
      '-in',
      path.join(folder, 'server.pem'),
      '-noout',
      '-text',
    ]);
    assert.equal(server.code, 0, server.stderr);
    assert.match(server.stdout, /Signature Algorithm: sha256WithRSAEncryption/);
    assert.match(server.stdout, /Basic Constraints: critical\s+CA:FALSE/);
    assert.match(server.stdout, /Key Usage: critical\s+Digital Signature, Key Encipherment\n/);
    assert.match(server.stdout, /Extended Key Usage:\s+TLS Web Server Authentication\n/);
    // RFC 5280's method 1: the SHA-1 of the RSAPublicKey, as openssl and forge compute it.
    const serverKey = new X509Certificate(fileOf(set, 'server.pem')).publicKey;
    const expectedId = createHash('sha1')
      .update(serverKey.export({ type: 'pkcs1', format: 'der' }))
      .digest('hex')
      .toUpperCase()
      .replace(/(..)(?!$)/g, '$1:');
    assert.match(server.stdout, new RegExp(`Subject Key Identifier:\\s+${expectedId}`));

    const ca = await runTool('openssl', [
      'x509',
      '-in',
      path.join(folder, 'ca.pem'),
      '-noout',
      '-text',
    ]);
    assert.equal(ca.code, 0, ca.stderr);
    assert.match(ca.stdout, /Basic Constraints: critical\s+CA:TRUE/);
    assert.match(ca.stdout, /Key Usage: critical\s+Certificate Sign, CRL Sign\n/);
    const caKeyId = /Subject Key Identifier:\s+([0-9A-F:]{59})/.exec(ca.stdout)?.[1];
    assert.ok(caKeyId, 'the CA has a subject key identifier');
    assert.match(server.stdout, new RegExp(`Authority Key Identifier:\\s+(keyid:)?${caKeyId}`));
  });

  it('uses the requested validity and key size', () => {
    const server = new X509Certificate(fileOf(set, 'server.pem'));
    const days = (Date.parse(server.validTo) - Date.parse(server.validFrom)) / 86_400_000;
    assert.equal(days, 30);
    assert.ok(Date.parse(server.validFrom) <= Date.now(), 'valid from now on');
    assert.equal(server.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
  });

  it('writes server.key unencrypted and ca.key encrypted with the password', () => {
    const serverKey = fileOf(set, 'server.key').toString();
    assert.match(serverKey, /^-----BEGIN PRIVATE KEY-----\n/);
    const server = new X509Certificate(fileOf(set, 'server.pem'));
    assert.ok(server.checkPrivateKey(createPrivateKey(serverKey)));

    const caKey = fileOf(set, 'ca.key').toString();
    assert.match(caKey, /^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    assert.throws(() => createPrivateKey({ key: caKey, passphrase: 'wrong-password' }));
    const ca = new X509Certificate(fileOf(set, 'ca.pem'));
    assert.ok(ca.checkPrivateKey(createPrivateKey({ key: caKey, passphrase: PASSWORD })));
  });

  it('writes a real JKS truststore', () => {
    const jks = fileOf(set, 'truststore.jks');
    assert.equal(jks.readUInt32BE(0), 0xfeedfeed, 'JKS magic');
    assert.equal(jks.readUInt32BE(4), 2, 'JKS version 2');
    assert.equal(jks.readUInt32BE(8), 1, 'one entry');
    assert.equal(jks.readUInt32BE(12), 2, 'a trusted certificate entry');
  });

  it('chains server then CA in the full-chain PEM', () => {
    assert.equal(
      fileOf(set, 'server-fullchain.pem').toString(),
      fileOf(set, 'server.pem').toString() + fileOf(set, 'ca.pem').toString(),
    );
  });

  it('keeps the password out of every file', () => {
    const needles = [Buffer.from(PASSWORD, 'utf8'), Buffer.from(PASSWORD, 'utf16le').swap16()];
    for (const file of set.files) {
      for (const needle of needles) {
        assert.equal(file.bytes.indexOf(needle), -1, `${file.name} does not hold the password`);
      }
    }
  });

  it('writes a compose fragment that mounts the folder and uses the keystore', () => {
    const compose = parse(fileOf(set, 'kestra-ssl.yml').toString());
    const service = compose.services.kestra;
    assert.deepEqual(service.ports, ['8443:8443']);
    assert.deepEqual(service.volumes, ['./ssl:/app/ssl:ro']);
    const config = parse(service.environment.KESTRA_CONFIGURATION);
    assert.deepEqual(config.micronaut.server.ssl, {
      enabled: true,
      port: 8443,
      'key-store': {
        path: 'file:/app/ssl/keystore.p12',
        type: 'PKCS12',
        password: `\${KESTRA_TLS_STORE_PASSWORD}`,
      },
    });
  });

  it('writes Kubernetes Secrets that carry the same bytes', () => {
    const documents = parseAllDocuments(fileOf(set, 'kubernetes-secrets.yaml').toString());
    assert.equal(documents.length, 2);
    const [tls, stores] = documents.map((document) => document.toJS());
    const decode = (text: string) => Buffer.from(text, 'base64');

    assert.equal(tls.kind, 'Secret');
    assert.equal(tls.type, 'kubernetes.io/tls');
    assert.deepEqual(decode(tls.data['tls.crt']), fileOf(set, 'server-fullchain.pem'));
    assert.deepEqual(decode(tls.data['tls.key']), fileOf(set, 'server.key'));

    assert.equal(stores.type, 'Opaque');
    assert.deepEqual(decode(stores.data['keystore.p12']), fileOf(set, 'keystore.p12'));
    assert.deepEqual(decode(stores.data['truststore.jks']), fileOf(set, 'truststore.jks'));
  });

  it('creates keys, stores and Secrets readable by the owner only', async () => {
    for (const file of set.files) {
      const mode = (await fs.stat(path.join(folder, file.name))).mode & 0o777;
      if (file.secret) {
        assert.equal(mode, 0o600, `${file.name} is 0600`);
      } else {
        assert.equal(mode & 0o022, 0, `${file.name} is not writable by others`);
      }
    }
    const secretNames = set.files.filter((file) => file.secret).map((file) => file.name);
    assert.deepEqual(secretNames, [
      'ca.key',
      'server.key',
      'keystore.p12',
      'truststore.jks',
      'truststore.p12',
      'kubernetes-secrets.yaml',
    ]);
  });
});

describe('certificate set options', () => {
  const base = { password: 'changeit', keySize: 2048 };

  for (const [label, options, message] of [
    ['a 1024-bit key', { keySize: 1024 }, /2048, 3072, 4096/],
    ['a short password', { password: 'abc12' }, /at least 6 characters/],
    ['zero days', { validityDays: 0 }, /from 1 to 3650/],
    ['a bad DNS name', { subjectAltNames: ['DNS:bad_name!'] }, /not a valid DNS name/],
    ['a bad IP address', { subjectAltNames: ['IP:300.1.1.1'] }, /not an IPv4 or IPv6/],
    ['a bad alias', { alias: 'my alias' }, /Invalid alias/],
    ['a common name that is no host', { commonName: 'My Kestra' }, /not a valid DNS name/],
  ] as const) {
    it(`rejects ${label} before generating anything`, async () => {
      await assert.rejects(
        generateCertificateSet({ ...base, ...options }),
        (error: Error) => error instanceof CertificateOptionsError && message.test(error.message),
      );
    });
  }

  it('defaults to CN localhost with localhost and 127.0.0.1, alias kestra', async () => {
    const set = await generateCertificateSet(base);
    assert.equal(set.commonName, 'localhost');
    assert.deepEqual(set.subjectAltNames, ['DNS:localhost', 'IP:127.0.0.1']);
    assert.equal(set.alias, 'kestra');
    const days = (set.notAfter.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 364 && days <= 365, `about 365 days, got ${days}`);
  });
});
