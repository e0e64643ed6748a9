import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildCertificateSet, generateRsaKeyPair } from '../../../server/src/certs/certificate-set';
import { writeCertificateSet } from '../../../server/src/certs/index';
import { resolveOptions } from '../../../server/src/certs/options';
import {
  codes,
  composeWithStores,
  deepWorkspace,
  ofCode,
  PASSWORD,
  runCommand,
  type StoreLines,
  type TempFolder,
  tempFolder,
  writeGeneratedSet,
} from './support';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A generated set whose certificates were issued at `issued`, valid for `days`. */
async function writeDatedSet(folder: string, issued: Date, days: number): Promise<void> {
  const options = resolveOptions({ password: PASSWORD, keySize: 2048, validityDays: days });
  const [caKeys, serverKeys] = await Promise.all([
    generateRsaKeyPair(2048),
    generateRsaKeyPair(2048),
  ]);
  await writeCertificateSet(await buildCertificateSet(options, caKeys, serverKeys, issued), folder);
}

const KEYSTORE: StoreLines = {
  keystore: 'file:/app/ssl/keystore.p12',
  keystoreType: 'PKCS12',
  keystorePassword: PASSWORD,
};

const BOTH: StoreLines = {
  ...KEYSTORE,
  truststore: 'file:/app/ssl/truststore.jks',
  truststoreType: 'JKS',
  truststorePassword: PASSWORD,
};

describe('deep checks on stores crafted to break them', () => {
  let folder: TempFolder;

  /** The deep diagnostics of a compose file mounting `set` on /app/ssl. */
  function check(set: string, stores: StoreLines, options = {}) {
    const deep = deepWorkspace(folder.root, options);
    deep.set('docker-compose.yml', composeWithStores(stores, `./${set}:/app/ssl`));
    return deep.deep('docker-compose.yml');
  }

  before(async () => {
    folder = tempFolder('broken');
    const now = Date.now();
    await Promise.all([
      writeGeneratedSet(path.join(folder.root, 'good')),
      writeGeneratedSet(path.join(folder.root, 'other')),
      writeGeneratedSet(path.join(folder.root, 'names'), {
        commonName: 'other.example.com',
        subjectAltNames: ['DNS:other.example.com'],
      }),
      writeGeneratedSet(path.join(folder.root, 'soon'), { validityDays: 10 }),
      writeDatedSet(path.join(folder.root, 'expired'), new Date(now - 400 * DAY_MS), 365),
      writeDatedSet(path.join(folder.root, 'future'), new Date(now + 10 * DAY_MS), 365),
    ]);
    // cert-manager's LegacyRC2 profile, as `openssl pkcs12 -legacy` writes it.
    folder.write('legacy/.keep', '');
    runCommand(
      `openssl pkcs12 -export -legacy -in ../good/server.pem -inkey ../good/server.key
        -name kestra -out keystore.p12 -passout pass:${PASSWORD}`,
      path.join(folder.root, 'legacy'),
    );
    // What `openssl req -x509` makes by default: a self-signed CA:TRUE certificate, here
    // signed with SHA-1 and limited to client authentication.
    const usage = path.join(folder.root, 'usage');
    folder.write('usage/.keep', '');
    runCommand(
      `openssl req -x509 -newkey rsa:2048 -sha1 -nodes -days 30 -keyout server.key
        -out server.pem -subj /CN=localhost -addext subjectAltName=DNS:localhost
        -addext extendedKeyUsage=clientAuth`,
      usage,
    );
    runCommand(
      `openssl pkcs12 -export -in server.pem -inkey server.key -name kestra -out keystore.p12
        -passout pass:${PASSWORD}`,
      usage,
    );
  });
  after(() => folder.remove());

  it('store-password: a password that does not open the keystore or the truststore', () => {
    const found = check('good', {
      ...BOTH,
      keystorePassword: 'not-the-password',
      truststorePassword: 'not-the-password',
    });
    assert.deepEqual(codes(found), ['store-password error', 'store-password error']);
    assert.match(found[0]?.message ?? '', /keystore password was incorrect/);
    assert.match(found[1]?.message ?? '', /tampered with, or password was incorrect/);
  });

  it('store-format: type JKS on a PKCS#12 file loads anyway, as information', () => {
    const found = check('good', { ...KEYSTORE, keystoreType: 'JKS' });
    assert.deepEqual(codes(found), ['store-format information']);
    assert.equal(found[0]?.data?.suggestedType, 'PKCS12');
  });

  it('store-format: type PKCS12 on a JKS file loads anyway, as information', () => {
    const found = check('good', { ...BOTH, truststoreType: 'PKCS12' });
    assert.deepEqual(codes(found), ['store-format information']);
    assert.equal(found[0]?.data?.actualFormat, 'jks');
  });

  it('store-format: no type at all means JKS, which also loads PKCS#12', () => {
    const found = check('good', { ...KEYSTORE, keystoreType: undefined });
    assert.deepEqual(codes(found), ['store-format information']);
  });

  it('store-format: a PEM certificate where a keystore belongs is an error', () => {
    const found = check('good', { ...KEYSTORE, keystore: 'file:/app/ssl/server.pem' });
    assert.deepEqual(codes(found), ['store-format error']);
    assert.match(found[0]?.message ?? '', /openssl pkcs12 -export/);
  });

  it('store-content: legacy RC2 PKCS#12 encryption', () => {
    const found = check('legacy', KEYSTORE);
    const content = ofCode(found, 'store-content');
    assert.equal(content.length, 1);
    assert.equal(content[0]?.severity, 'warning');
    assert.match(content[0]?.message ?? '', /RC2/);
    assert.deepEqual(ofCode(found, 'store-password'), [], 'the password still opens it');
  });

  it('store-content: a truststore given as the keystore holds no private key', () => {
    const found = check('good', { ...KEYSTORE, keystore: 'file:/app/ssl/truststore.p12' });
    assert.deepEqual(codes(found), ['store-content error']);
    assert.match(found[0]?.message ?? '', /no private key/);
  });

  it('cert-expiry: an expired server certificate and its expired CA', () => {
    const found = check('expired', BOTH);
    assert.deepEqual(codes(found), ['cert-expiry error', 'cert-expiry error']);
    assert.match(found[0]?.message ?? '', /expired on/);
  });

  it('cert-expiry: certificates not valid yet', () => {
    const found = check('future', BOTH);
    assert.deepEqual(codes(found), ['cert-expiry error', 'cert-expiry error']);
    assert.match(found[0]?.message ?? '', /not valid before/);
  });

  it('cert-expiry: a warning within the configured number of days, none beyond', () => {
    assert.deepEqual(codes(check('soon', BOTH)), ['cert-expiry warning', 'cert-expiry warning']);
    assert.deepEqual(codes(check('soon', BOTH, { certificateExpiryWarningDays: 5 })), []);
  });

  it('cert-hostname: SANs that miss every name Kestra is reached by', () => {
    const found = check('names', {
      ...BOTH,
      extra: 'kestra:\n  url: https://kestra.example.com:8443/',
    });
    assert.deepEqual(codes(found), ['cert-hostname error']);
    assert.deepEqual(found[0]?.data?.names, ['kestra.example.com', 'localhost']);
    assert.deepEqual(found[0]?.data?.subjectAltNames, ['other.example.com']);
  });

  it('cert-untrusted: a truststore without the CA that signed the server certificate', () => {
    const deep = deepWorkspace(folder.root);
    const text = composeWithStores(
      { ...BOTH, truststore: 'file:/app/trust/truststore.jks' },
      './good:/app/ssl',
    ).replace('      - ./good:/app/ssl', '      - ./good:/app/ssl\n      - ./other:/app/trust');
    deep.set('docker-compose.yml', text);
    const found = deep.deep('docker-compose.yml');
    assert.deepEqual(codes(found), ['cert-untrusted error']);
    assert.equal(found[0]?.data?.store, 'micronaut.server.ssl.trust-store');
    assert.match(found[0]?.message ?? '', /PKIX path building failed/);
  });

  it(
    'cert-usage: a CA:TRUE server certificate for client authentication, ' + 'signed with SHA-1',
    () => {
      const found = ofCode(check('usage', KEYSTORE), 'cert-usage');
      assert.deepEqual(codes(found), [
        'cert-usage error',
        'cert-usage error',
        'cert-usage warning',
      ]);
      const messages = found.map((diagnostic) => diagnostic.message).join('\n');
      assert.match(messages, /CA:TRUE/);
      assert.match(messages, /without serverAuth/);
      assert.match(messages, /sha1WithRSAEncryption|SHA-1/);
    },
  );
});
