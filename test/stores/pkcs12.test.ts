import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../server/src/stores/open';
import { checkStore } from '../../server/src/stores/store-checks';
import { selectServerEntry, trustedCertificates } from '../../server/src/stores/store-content';
import { makeCa, makeWorkspace, run, summary, type Workspace } from './support';

/** The median time in milliseconds of opening a store, after one warm-up run. */
function medianOpenTime(bytes: Uint8Array, password: string): number {
  openStore(bytes, { store: password });
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    openStore(bytes, { store: password });
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[3] as number;
}

describe('PKCS#12 stores made by openssl and keytool', () => {
  let workspace: Workspace;

  before(() => {
    workspace = makeWorkspace();
    const dir = workspace.dir;
    writeFileSync(join(dir, 'server.ext'), 'subjectAltName=DNS:kestra.example.com\n');
    makeCa(dir, '/CN=Test CA');
    run(
      'openssl',
      [
        'req',
        '-new',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'server.key',
        '-out',
        'server.csr',
        '-subj',
        '/CN=kestra',
      ],
      dir,
    );
    run(
      'openssl',
      [
        'x509',
        '-req',
        '-in',
        'server.csr',
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-days',
        '30',
        '-extfile',
        'server.ext',
        '-out',
        'server.crt',
      ],
      dir,
    );
    const bundle = ['-inkey', 'server.key', '-in', 'server.crt', '-certfile', 'ca.crt'];
    const pass = ['-passout', 'pass:changeit'];
    run(
      'openssl',
      ['pkcs12', '-export', ...bundle, '-name', 'kestra', '-out', 'modern.p12', ...pass],
      dir,
    );
    run('openssl', ['pkcs12', '-export', '-legacy', ...bundle, '-out', 'legacy.p12', ...pass], dir);
    run('openssl', ['pkcs12', '-export', '-nomac', ...bundle, '-out', 'nomac.p12', ...pass], dir);
    run(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-keypbe',
        'NONE',
        '-certpbe',
        'NONE',
        ...bundle,
        '-out',
        'plainkey.p12',
        ...pass,
      ],
      dir,
    );
    run(
      'openssl',
      ['pkcs12', '-export', '-nokeys', '-in', 'ca.crt', '-out', 'certonly.p12', ...pass],
      dir,
    );
    const keytoolStore = ['-storepass', 'changeit', '-noprompt'];
    run(
      'keytool',
      [
        '-importcert',
        '-alias',
        'ca',
        '-file',
        'ca.crt',
        '-keystore',
        'truststore.jks',
        ...keytoolStore,
      ],
      dir,
    );
    const keyArgs = [
      '-genkeypair',
      '-keyalg',
      'RSA',
      '-keysize',
      '2048',
      '-keystore',
      'two.p12',
      ...keytoolStore,
    ];
    run('keytool', [...keyArgs, '-alias', 'first', '-dname', 'CN=first'], dir);
    run('keytool', [...keyArgs, '-alias', 'second', '-dname', 'CN=second'], dir);
  });

  after(() => workspace.remove());

  it('opens a PKCS#12 file from openssl pkcs12 -export with its key and chain', () => {
    const report = openStore(workspace.read('modern.p12'), { store: 'changeit' });
    assert.equal(report.format, 'pkcs12');
    assert.equal(report.password, 'verified');
    assert.equal(report.error, undefined);
    const keys = report.entries.filter((entry) => entry.kind === 'private-key');
    assert.equal(keys.length, 1);
    assert.equal(keys[0]?.alias, 'kestra');
    assert.equal(keys[0]?.keyPassword, 'verified');
    assert.equal(keys[0]?.chain.length, 2, 'server certificate, then the CA');
    assert.ok(report.algorithms.length >= 3, 'MAC, certificate and key encryption');
    assert.ok(report.algorithms.every((algorithm) => !algorithm.legacy));
    assert.deepEqual(summary(checkStore(report, { role: 'keystore', declaredType: 'PKCS12' })), []);
  });

  it('flags the RC2-40 encryption of openssl -legacy without failing to open it', () => {
    const report = openStore(workspace.read('legacy.p12'), { store: 'changeit' });
    assert.equal(report.password, 'verified');
    const legacy = report.algorithms.filter((algorithm) => algorithm.legacy);
    assert.deepEqual(
      legacy.map((algorithm) => [algorithm.target, algorithm.name]),
      [['certificates', 'pbeWithSHAAnd40BitRC2-CBC']],
    );
    assert.equal(selectServerEntry(report)?.chain.length, 2);
    const findings = checkStore(report, { role: 'keystore', declaredType: 'PKCS12' });
    assert.deepEqual(summary(findings), ['store-content:warning']);
    assert.match(findings[0]?.message ?? '', /pbeWithSHAAnd40BitRC2-CBC/);
  });

  it('names the legacy algorithms even when the password is wrong', () => {
    const report = openStore(workspace.read('legacy.p12'), { store: 'wrong' });
    assert.equal(report.password, 'wrong');
    assert.ok(report.algorithms.some((algorithm) => algorithm.legacy));
    const findings = checkStore(report, { role: 'keystore', declaredType: 'PKCS12' });
    assert.deepEqual(summary(findings), ['store-password:error']);
  });

  it("reads keytool's default truststore.jks as PKCS#12 with a trusted entry", () => {
    const report = openStore(workspace.read('truststore.jks'), { store: 'changeit' });
    assert.equal(report.format, 'pkcs12');
    assert.deepEqual(
      report.entries.map((entry) => [entry.alias, entry.kind]),
      [['ca', 'trusted-certificate']],
    );
    assert.equal(trustedCertificates(report).length, 1);
    const findings = checkStore(report, { role: 'truststore', declaredType: 'JKS' });
    assert.deepEqual(summary(findings), ['store-format:information']);
  });

  it('explains that Java skips encrypted certificates when no password is set', () => {
    const report = openStore(workspace.read('truststore.jks'), {});
    assert.equal(report.password, 'unchecked');
    assert.equal(report.skippedEncryptedContent, true);
    assert.equal(report.entries.length, 0);
    const findings = checkStore(report, { role: 'truststore', declaredType: 'PKCS12' });
    assert.deepEqual(summary(findings), ['store-content:error']);
    assert.match(findings[0]?.message ?? '', /trust-store\.password/);
  });

  it('sees that certificates from openssl -nokeys are not trusted entries for Java', () => {
    const report = openStore(workspace.read('certonly.p12'), { store: 'changeit' });
    assert.deepEqual(
      report.entries.map((entry) => entry.kind),
      ['certificate-only'],
    );
    assert.equal(trustedCertificates(report).length, 0);
    const findings = checkStore(report, { role: 'truststore', declaredType: 'PKCS12' });
    assert.deepEqual(summary(findings), ['store-content:error']);
    assert.match(findings[0]?.message ?? '', /trusted-certificate attribute/);
  });

  it('reports a wrong store password on a file with a MAC', () => {
    const report = openStore(workspace.read('modern.p12'), { store: 'nope' });
    assert.equal(report.password, 'wrong');
    assert.deepEqual(summary(checkStore(report, { role: 'keystore', declaredType: 'PKCS12' })), [
      'store-password:error',
    ]);
  });

  it('leaves the store password unchecked without a MAC, but checks the key password', () => {
    const right = openStore(workspace.read('nomac.p12'), { store: 'changeit' });
    assert.equal(right.password, 'unchecked');
    assert.equal(right.entries.find((e) => e.kind === 'private-key')?.keyPassword, 'verified');
    const expectations = { role: 'keystore', declaredType: 'PKCS12' } as const;
    assert.deepEqual(summary(checkStore(right, expectations)), ['store-password:information']);
    const wrong = openStore(workspace.read('nomac.p12'), { store: 'nope' });
    assert.equal(wrong.password, 'unchecked', 'Java loads it with any password');
    assert.equal(wrong.entries.find((e) => e.kind === 'private-key')?.keyPassword, 'wrong');
    assert.deepEqual(summary(checkStore(wrong, expectations)), [
      'store-password:error',
      'store-password:information',
    ]);
  });

  it('notes that Java ignores an unencrypted key bag', () => {
    const report = openStore(workspace.read('plainkey.p12'), { store: 'changeit' });
    assert.equal(report.ignoredKeyBags, 1);
    assert.equal(report.entries.filter((entry) => entry.kind === 'private-key').length, 0);
    const findings = checkStore(report, { role: 'keystore', declaredType: 'PKCS12' });
    assert.deepEqual(summary(findings), ['store-content:error']);
    assert.match(findings[0]?.message ?? '', /unencrypted/);
  });

  it('warns about several keys without an alias and checks a configured alias', () => {
    const report = openStore(workspace.read('two.p12'), { store: 'changeit' });
    assert.deepEqual(report.entries.map((entry) => entry.alias).sort(), ['first', 'second']);
    const expectations = { role: 'keystore', declaredType: 'PKCS12' } as const;
    assert.deepEqual(summary(checkStore(report, expectations)), ['store-content:warning']);
    assert.deepEqual(summary(checkStore(report, { ...expectations, alias: 'Second' })), []);
    assert.equal(selectServerEntry(report, 'second')?.alias, 'second');
    const missing = checkStore(report, { ...expectations, alias: 'third' });
    assert.deepEqual(summary(missing), ['store-content:error']);
  });

  it('opens keytool and openssl PKCS#12 files without blocking for long', (t) => {
    // keytool's truststore uses 10,000 iterations for both its MAC and its encryption, the
    // most work a default store asks for. The bound is loose so a busy machine passes;
    // the measured times are printed to compare runs.
    const keytool = medianOpenTime(workspace.read('truststore.jks'), 'changeit');
    const openssl = medianOpenTime(workspace.read('modern.p12'), 'changeit');
    t.diagnostic(
      `median open time: keytool PKCS#12 ${keytool.toFixed(1)} ms, ` +
        `openssl ${openssl.toFixed(1)} ms`,
    );
    assert.ok(keytool < 250, `keytool PKCS#12 took ${keytool} ms`);
    assert.ok(openssl < 250, `openssl PKCS#12 took ${openssl} ms`);
  });
});
