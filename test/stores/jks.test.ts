import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../server/src/stores/open';
import { checkStore } from '../../server/src/stores/store-checks';
import { makeCertificate, makeWorkspace, run, testKey, toPem, type Workspace } from './support';

describe('JKS and JCEKS stores made by keytool', () => {
  let workspace: Workspace;
  const caDer = makeCertificate({ subject: 'Test CA', key: testKey(), isCa: true });

  before(() => {
    workspace = makeWorkspace();
    writeFileSync(join(workspace.dir, 'ca.crt'), toPem(caDer));
    const store = (file: string, type: string) => [
      '-keystore',
      file,
      '-storetype',
      type,
      '-storepass',
      'changeit',
      '-noprompt',
    ];
    run(
      'keytool',
      ['-importcert', '-alias', 'ca', '-file', 'ca.crt', ...store('trust.jks', 'JKS')],
      workspace.dir,
    );
    const keyArgs = ['-genkeypair', '-keyalg', 'RSA', '-keysize', '2048', '-dname', 'CN=kestra'];
    run(
      'keytool',
      [...keyArgs, '-alias', 'server', '-keypass', 'changeit', ...store('key.jks', 'JKS')],
      workspace.dir,
    );
    run(
      'keytool',
      [...keyArgs, '-alias', 'server', '-keypass', 'keysecret', ...store('keypass.jks', 'JKS')],
      workspace.dir,
    );
    run(
      'keytool',
      ['-importcert', '-alias', 'ca', '-file', 'ca.crt', ...store('trust.jceks', 'JCEKS')],
      workspace.dir,
    );
    run(
      'keytool',
      [
        '-genseckey',
        '-alias',
        'secret',
        '-keyalg',
        'AES',
        '-keysize',
        '128',
        '-keypass',
        'changeit',
        ...store('trust.jceks', 'JCEKS'),
      ],
      workspace.dir,
    );
  });

  after(() => workspace.remove());

  it('reads a JKS truststore with its trusted certificate and verifies the password', () => {
    const report = openStore(workspace.read('trust.jks'), { store: 'changeit' });
    assert.equal(report.format, 'jks');
    assert.equal(report.password, 'verified');
    assert.equal(report.error, undefined);
    assert.deepEqual(
      report.entries.map((entry) => [entry.alias, entry.kind]),
      [['ca', 'trusted-certificate']],
    );
    assert.deepEqual(report.entries[0]?.chain[0], caDer);
    assert.deepEqual(checkStore(report, { role: 'truststore', declaredType: 'JKS' }), []);
  });

  it('reports a wrong password as store-password, as Java refuses the store', () => {
    const report = openStore(workspace.read('trust.jks'), { store: 'wrong' });
    assert.equal(report.password, 'wrong');
    const findings = checkStore(report, { role: 'truststore' });
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity]),
      [['store-password', 'error']],
    );
    assert.match(
      findings[0]?.message ?? '',
      /Keystore was tampered with, or password was incorrect/,
    );
  });

  it('checks an empty password but not a missing one, as Java does', () => {
    assert.equal(openStore(workspace.read('trust.jks'), { store: '' }).password, 'wrong');
    const unset = openStore(workspace.read('trust.jks'), {});
    assert.equal(unset.password, 'unchecked');
    assert.equal(unset.entries.length, 1);
  });

  it('detects a changed byte through the integrity digest', () => {
    const bytes = workspace.read('trust.jks').slice();
    const index = bytes.length - 40;
    bytes[index] = (bytes[index] as number) ^ 0xff;
    assert.equal(openStore(bytes, { store: 'changeit' }).password, 'wrong');
  });

  it('reports a truncated file as damaged', () => {
    const bytes = workspace.read('trust.jks');
    const report = openStore(bytes.subarray(0, bytes.length / 2), { store: 'changeit' });
    assert.equal(report.error?.kind, 'corrupt');
    assert.equal(report.password, 'unchecked');
    const findings = checkStore(report, { role: 'truststore' });
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity]),
      [['store-format', 'error']],
    );
  });

  it('reads a private key entry with its chain and checks the key password', () => {
    const report = openStore(workspace.read('key.jks'), { store: 'changeit' });
    const [entry] = report.entries;
    assert.equal(entry?.kind, 'private-key');
    assert.equal(entry?.alias, 'server');
    assert.equal(entry?.chain.length, 1);
    assert.equal(entry?.keyPassword, 'verified');
    assert.deepEqual(checkStore(report, { role: 'keystore' }), []);
  });

  it('reports a key password that differs from the store password', () => {
    const wrong = openStore(workspace.read('keypass.jks'), { store: 'changeit' });
    assert.equal(wrong.password, 'verified');
    assert.equal(wrong.entries[0]?.keyPassword, 'wrong');
    const findings = checkStore(wrong, { role: 'keystore' });
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity]),
      [['store-password', 'error']],
    );
    assert.match(findings[0]?.message ?? '', /key\.password/);
    const right = openStore(workspace.read('keypass.jks'), { store: 'changeit', key: 'keysecret' });
    assert.equal(right.entries[0]?.keyPassword, 'verified');
  });

  it('flags a truststore given as keystore', () => {
    const report = openStore(workspace.read('trust.jks'), { store: 'changeit' });
    const findings = checkStore(report, { role: 'keystore' });
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity]),
      [['store-content', 'error']],
    );
    assert.match(findings[0]?.message ?? '', /is this the truststore/);
  });

  it('reads a JCEKS store, its password and its secret key entry', () => {
    const report = openStore(workspace.read('trust.jceks'), { store: 'changeit' });
    assert.equal(report.format, 'jceks');
    assert.equal(report.password, 'verified');
    assert.ok(
      report.entries.some((entry) => entry.kind === 'secret-key' && entry.alias === 'secret'),
    );
    const findings = checkStore(report, { role: 'truststore', declaredType: 'PKCS12' });
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity]),
      [['store-format', 'error']],
    );
  });

  it('opens a JKS keystore quickly', (t) => {
    const bytes = workspace.read('key.jks');
    openStore(bytes, { store: 'changeit' });
    const start = performance.now();
    for (let i = 0; i < 20; i++) {
      openStore(bytes, { store: 'changeit' });
    }
    const each = (performance.now() - start) / 20;
    t.diagnostic(`mean open time of a JKS keystore: ${each.toFixed(2)} ms`);
    assert.ok(each < 50, `JKS took ${each} ms`);
  });
});
