import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectStoreFormat, javaLoads, normaliseStoreType } from '../../server/src/stores/format';
import { checkStoreFormat } from '../../server/src/stores/store-checks';
import type { StoreFormat, StoreReport } from '../../server/src/stores/types';
import { makeCertificate, testKey, toPem } from './support';

function bytes(...values: number[]): Uint8Array {
  return new Uint8Array(values);
}

/** A minimal report of a given format, as openStore would give for a readable store. */
function reportOf(format: StoreFormat): StoreReport {
  return {
    format,
    password: 'verified',
    passwordGiven: true,
    entries: [],
    algorithms: [],
    skippedEncryptedContent: false,
    ignoredKeyBags: 0,
    incomplete: false,
  };
}

describe('detectStoreFormat', () => {
  it('reads the JKS and JCEKS magic numbers', () => {
    assert.equal(detectStoreFormat(bytes(0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2)), 'jks');
    assert.equal(detectStoreFormat(bytes(0xce, 0xce, 0xce, 0xce, 0, 0, 0, 2)), 'jceks');
  });

  it('tells a PFX header from other DER such as a lone certificate', () => {
    // SEQUENCE, INTEGER 3, SEQUENCE { OID 1.2.840.113549.1.7.1 ...
    const pfxHead = [0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x03, 0x30, 0x81, 0x20];
    const dataOid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
    assert.equal(detectStoreFormat(bytes(...pfxHead, ...dataOid)), 'pkcs12');
    const certificate = makeCertificate({ subject: 'server', key: testKey() });
    assert.equal(detectStoreFormat(certificate), 'der');
  });

  it('recognises PEM text, with or without a byte order mark', () => {
    const pem = toPem(makeCertificate({ subject: 'server', key: testKey() }));
    assert.equal(detectStoreFormat(new TextEncoder().encode(pem)), 'pem');
    assert.equal(detectStoreFormat(new TextEncoder().encode(`\uFEFF\n${pem}`)), 'pem');
  });

  it('calls empty files and random bytes unknown', () => {
    assert.equal(detectStoreFormat(new Uint8Array()), 'unknown');
    assert.equal(detectStoreFormat(bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1)), 'unknown');
  });
});

describe('javaLoads', () => {
  it('follows the keystore compatibility mode between JKS and PKCS12 only', () => {
    assert.equal(javaLoads('JKS', 'pkcs12'), true);
    assert.equal(javaLoads('PKCS12', 'jks'), true);
    assert.equal(javaLoads('JCEKS', 'jks'), true);
    assert.equal(javaLoads('PKCS12', 'jceks'), false);
    assert.equal(javaLoads('JKS', 'jceks'), false);
    assert.equal(javaLoads('JCEKS', 'pkcs12'), false);
    assert.equal(javaLoads('JKS', 'pem'), false);
  });

  it('reads declared types case-insensitively and defaults to JKS', () => {
    assert.equal(normaliseStoreType('pkcs12'), 'PKCS12');
    assert.equal(normaliseStoreType(' Jceks '), 'JCEKS');
    assert.equal(normaliseStoreType(undefined), 'JKS');
    assert.equal(normaliseStoreType('PEM'), undefined);
  });
});

describe('checkStoreFormat', () => {
  const keystore = { role: 'keystore' } as const;

  it('says nothing when the declared type is the real format', () => {
    assert.deepEqual(
      checkStoreFormat(reportOf('pkcs12'), { ...keystore, declaredType: 'PKCS12' }),
      [],
    );
    assert.deepEqual(checkStoreFormat(reportOf('jks'), keystore), []);
  });

  it('treats a PKCS12 file under type JKS, declared or default, as information', () => {
    for (const declaredType of ['JKS', undefined]) {
      const [finding, ...rest] = checkStoreFormat(reportOf('pkcs12'), {
        ...keystore,
        declaredType,
      });
      assert.equal(rest.length, 0);
      assert.equal(finding?.severity, 'information');
      assert.equal(finding?.data?.suggestedType, 'PKCS12');
    }
  });

  it('reports the combinations Java refuses as errors', () => {
    const cases: [StoreFormat, string | undefined][] = [
      ['jceks', 'PKCS12'],
      ['jceks', undefined],
      ['pkcs12', 'JCEKS'],
      ['pem', 'PKCS12'],
      ['der', 'JKS'],
      ['unknown', 'JKS'],
    ];
    for (const [format, declaredType] of cases) {
      const findings = checkStoreFormat(reportOf(format), { ...keystore, declaredType });
      assert.equal(findings.length, 1, `${format} as ${declaredType}`);
      assert.equal(findings[0]?.severity, 'error', `${format} as ${declaredType}`);
      assert.match(findings[0]?.message ?? '', /Java will refuse the keystore at start-up/);
    }
  });

  it('tells a PEM truststore how to build a real one', () => {
    const [finding] = checkStoreFormat(reportOf('pem'), { role: 'truststore' });
    assert.match(finding?.message ?? '', /keytool -importcert/);
  });

  it('rejects a type Java does not have, but only warns for provider types', () => {
    assert.equal(
      checkStoreFormat(reportOf('pkcs12'), { ...keystore, declaredType: 'P12' })[0]?.severity,
      'error',
    );
    assert.equal(
      checkStoreFormat(reportOf('pkcs12'), { ...keystore, declaredType: 'BKS' })[0]?.severity,
      'warning',
    );
  });
});
