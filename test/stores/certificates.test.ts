import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkCertExpiry,
  checkCertHostname,
  checkCertUsage,
} from '../../server/src/stores/cert-checks';
import { readCertificate } from '../../server/src/stores/certificate';
import { checkCertTrust, findTrustPath } from '../../server/src/stores/trust';
import { makeCertificate, summary, testKey } from './support';

const DAY = 24 * 3600 * 1000;
const now = new Date();
const ca = { subject: 'Test CA', key: testKey(2048, 1) };
const caDer = makeCertificate({ ...ca, isCa: true });

function server(overrides: Partial<Parameters<typeof makeCertificate>[0]> = {}): Uint8Array {
  return makeCertificate({
    subject: 'kestra',
    key: testKey(),
    issuer: ca,
    dnsNames: ['kestra.example.com', '*.apps.example.com'],
    ipAddresses: ['10.1.2.3', '::1'],
    extendedKeyUsage: ['serverAuth'],
    ...overrides,
  });
}

describe('readCertificate', () => {
  it('reads names, validity, usage, key size and signature algorithm', () => {
    const facts = readCertificate(server({ hash: 'sha1' }));
    assert.ok(facts);
    assert.deepEqual(facts.dnsNames, ['kestra.example.com', '*.apps.example.com']);
    assert.deepEqual(facts.ipAddresses, ['10.1.2.3', '0:0:0:0:0:0:0:1']);
    assert.equal(facts.commonName, 'kestra');
    assert.equal(facts.isCa, false);
    assert.deepEqual(facts.extendedKeyUsage, ['1.3.6.1.5.5.7.3.1']);
    assert.equal(facts.rsaBits, 2048);
    assert.equal(facts.signatureAlgorithm, 'sha1WithRSAEncryption');
    assert.equal(facts.selfSigned, false);
    assert.ok(facts.notBefore.getTime() < now.getTime() && facts.notAfter > now);
  });

  it('reads the keyUsage bits, or none when the extension is absent', () => {
    const usage = ['digitalSignature', 'keyEncipherment'] as const;
    assert.deepEqual(readCertificate(server({ keyUsage: usage }))?.keyUsage, usage);
    const caUsage = makeCertificate({ ...ca, isCa: true, keyUsage: ['keyCertSign', 'cRLSign'] });
    assert.deepEqual(readCertificate(caUsage)?.keyUsage, ['keyCertSign', 'cRLSign']);
    const lastBit = server({ keyUsage: ['decipherOnly'] });
    assert.deepEqual(readCertificate(lastBit)?.keyUsage, ['decipherOnly']);
    assert.equal(readCertificate(server())?.keyUsage, undefined);
  });

  it('returns undefined for bytes that are not a certificate', () => {
    assert.equal(readCertificate(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])), undefined);
  });
});

describe('checkCertHostname', () => {
  const chain = [server(), caDer];

  it('accepts exact DNS names, one-label wildcards and IP addresses', () => {
    const names = [
      'kestra.example.com',
      'KESTRA.example.com.',
      'ui.apps.example.com',
      '10.1.2.3',
      '[::1]',
    ];
    assert.deepEqual(checkCertHostname(chain, names), []);
  });

  it('does not let a wildcard span two labels or the bare domain', () => {
    const findings = checkCertHostname(chain, ['a.b.apps.example.com', 'apps.example.com']);
    assert.deepEqual(summary(findings), ['cert-hostname:error']);
    assert.deepEqual(findings[0]?.data?.names, ['a.b.apps.example.com', 'apps.example.com']);
  });

  it('warns when only some names are covered', () => {
    const findings = checkCertHostname(chain, ['kestra.example.com', 'localhost', '127.0.0.1']);
    assert.deepEqual(summary(findings), ['cert-hostname:warning']);
    assert.deepEqual(findings[0]?.data?.names, ['localhost', '127.0.0.1']);
  });

  it('does not count a name that is only in the CN', () => {
    const cnOnly = [
      makeCertificate({ subject: 'kestra.example.com', key: testKey(), issuer: ca }),
      caDer,
    ];
    const findings = checkCertHostname(cnOnly, ['kestra.example.com']);
    assert.deepEqual(summary(findings), ['cert-hostname:error']);
    assert.match(findings[0]?.message ?? '', /no subject alternative names at all/);
    assert.match(findings[0]?.message ?? '', /CN only does not count/);
  });
});

describe('checkCertExpiry', () => {
  it('says nothing for a certificate valid well beyond the warning window', () => {
    assert.deepEqual(checkCertExpiry([server(), caDer], { now, warnDays: 30 }), []);
  });

  it('reports an expired certificate as an error', () => {
    const expired = server({
      notBefore: new Date(now.getTime() - 90 * DAY),
      notAfter: new Date(now.getTime() - DAY),
    });
    const findings = checkCertExpiry([expired], { now, warnDays: 30 });
    assert.deepEqual(summary(findings), ['cert-expiry:error']);
    assert.match(findings[0]?.message ?? '', /expired on/);
  });

  it('reports a certificate not yet valid as an error', () => {
    const future = server({ notBefore: new Date(now.getTime() + 2 * DAY) });
    assert.deepEqual(summary(checkCertExpiry([future], { now, warnDays: 30 })), [
      'cert-expiry:error',
    ]);
  });

  it('warns within the window, counting the days left', () => {
    const soon = server({ notAfter: new Date(now.getTime() + 10 * DAY - 1000) });
    const findings = checkCertExpiry([soon], { now, warnDays: 30 });
    assert.deepEqual(summary(findings), ['cert-expiry:warning']);
    assert.equal(findings[0]?.data?.daysLeft, 10);
    assert.deepEqual(checkCertExpiry([soon], { now, warnDays: 5 }), []);
  });

  it('checks the intermediate certificates too', () => {
    const expiredCa = makeCertificate({
      ...ca,
      isCa: true,
      notAfter: new Date(now.getTime() - DAY),
    });
    const findings = checkCertExpiry([server(), expiredCa], { now, warnDays: 30 });
    assert.deepEqual(summary(findings), ['cert-expiry:error']);
    assert.match(findings[0]?.message ?? '', /chain certificate CN=Test CA/);
  });
});

describe('checkCertUsage', () => {
  it('accepts a CA-signed server certificate with serverAuth, or with no EKU at all', () => {
    assert.deepEqual(checkCertUsage([server(), caDer]), []);
    assert.deepEqual(checkCertUsage([server({ extendedKeyUsage: undefined }), caDer]), []);
  });

  it('warns about a CA certificate used as the server certificate', () => {
    const selfSignedCa = makeCertificate({
      subject: 'kestra',
      key: testKey(),
      isCa: true,
      dnsNames: ['kestra'],
    });
    assert.deepEqual(summary(checkCertUsage([selfSignedCa])), ['cert-usage:warning']);
  });

  it('rejects an extended key usage without serverAuth', () => {
    const clientOnly = server({ extendedKeyUsage: ['clientAuth'] });
    assert.deepEqual(summary(checkCertUsage([clientOnly, caDer])), ['cert-usage:error']);
  });

  it('rejects a keyUsage without digitalSignature, which TLS 1.3 and ECDHE need', () => {
    const encipherOnly = server({ keyUsage: ['keyEncipherment', 'dataEncipherment'] });
    const findings = checkCertUsage([encipherOnly, caDer]);
    assert.deepEqual(summary(findings), ['cert-usage:error']);
    assert.match(findings[0]?.message ?? '', /allows keyEncipherment, dataEncipherment, without/);
    const signing = server({ keyUsage: ['digitalSignature', 'keyEncipherment'] });
    assert.deepEqual(checkCertUsage([signing, caDer]), []);
  });

  it('warns about a 1024-bit RSA key', () => {
    const weak = server({ key: testKey(1024) });
    const findings = checkCertUsage([weak, caDer]);
    assert.deepEqual(summary(findings), ['cert-usage:warning']);
    assert.equal(findings[0]?.data?.rsaBits, 1024);
  });

  it('rejects a SHA-1 signature, but not on a self-signed root', () => {
    const findings = checkCertUsage([server({ hash: 'sha1' }), caDer]);
    assert.deepEqual(summary(findings), ['cert-usage:error']);
    assert.match(findings[0]?.message ?? '', /sha1WithRSAEncryption/);
    const sha1Root = makeCertificate({ ...ca, isCa: true, hash: 'sha1' });
    assert.deepEqual(checkCertUsage([server(), sha1Root]), []);
  });
});

describe('checkCertTrust', () => {
  it('trusts a chain that ends at a CA of the truststore', () => {
    assert.deepEqual(checkCertTrust([server()], [caDer]), []);
    const path = findTrustPath([server(), caDer], [caDer]);
    assert.equal(path.trusted, true);
    assert.equal(path.anchor?.subject, 'CN=Test CA');
  });

  it('trusts a server certificate that is itself in the truststore', () => {
    const selfSigned = makeCertificate({ subject: 'kestra', key: testKey(), dnsNames: ['kestra'] });
    assert.deepEqual(checkCertTrust([selfSigned], [selfSigned]), []);
  });

  it('follows an intermediate CA presented in the chain', () => {
    const intermediate = { subject: 'Intermediate CA', key: testKey(2048, 2) };
    const intermediateDer = makeCertificate({ ...intermediate, issuer: ca, isCa: true });
    const leaf = server({ issuer: intermediate });
    assert.deepEqual(checkCertTrust([leaf, intermediateDer], [caDer]), []);
    const findings = checkCertTrust([leaf], [caDer]);
    assert.deepEqual(summary(findings), ['cert-untrusted:error']);
    assert.match(findings[0]?.message ?? '', /issued by CN=Intermediate CA/);
  });

  it('reports a CA missing from the truststore', () => {
    const other = makeCertificate({ subject: 'Other CA', key: testKey(2048, 3), isCa: true });
    const findings = checkCertTrust([server(), caDer], [other]);
    assert.deepEqual(summary(findings), ['cert-untrusted:error']);
    assert.match(findings[0]?.message ?? '', /self-signed CN=Test CA/);
  });

  it('spots a CA of the same name whose key did not sign the server certificate', () => {
    const regenerated = makeCertificate({ subject: 'Test CA', key: testKey(2048, 3), isCa: true });
    const findings = checkCertTrust([server()], [regenerated]);
    assert.deepEqual(summary(findings), ['cert-untrusted:error']);
    assert.match(findings[0]?.message ?? '', /generated again/);
  });
});
