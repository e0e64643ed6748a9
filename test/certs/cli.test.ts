import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CERTIFICATE_FILE_NAMES } from '../../server/src/certs';
import { runCertsCommand } from '../../server/src/cli/certs-command';
import { captureIo, makeTempFolder, readFolder, removeFolder } from './support';

const PASSWORD = 'cli-secret-pw';
const FAST = ['--key-size', '2048'];

/** Runs the command with the password in PASSWORD_FOR_TEST and returns everything it said. */
async function certs(args: string[], options: { stdin?: string; cwd?: string } = {}) {
  const captured = captureIo({ env: { PASSWORD_FOR_TEST: PASSWORD }, ...options });
  const code = await runCertsCommand(args, captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

function assertNoPassword(text: string): void {
  assert.equal(text.includes(PASSWORD), false, 'the password is not printed');
}

describe('kestra-tls certs', () => {
  let root: string;

  before(async () => {
    root = await makeTempFolder('cli');
  });

  after(() => removeFolder(root));

  it('writes the whole set into a new 0700 folder and lists the paths', async () => {
    const out = path.join(root, 'fresh', 'ssl');
    const result = await certs(['--out', out, '--password-env', 'PASSWORD_FOR_TEST', ...FAST]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    for (const name of CERTIFICATE_FILE_NAMES) {
      assert.ok(result.stdout.includes(`  ${path.join(out, name)}\n`), `lists ${name}`);
    }
    assert.match(result.stdout, /CN=localhost, DNS:localhost, IP:127\.0\.0\.1/);
    assertNoPassword(result.stdout);
    assert.equal((await fs.stat(out)).mode & 0o777, 0o700);
    assert.deepEqual([...(await readFolder(out)).keys()], [...CERTIFICATE_FILE_NAMES].sort());

    for (const [name, bytes] of await readFolder(out)) {
      assert.equal(bytes.includes(PASSWORD), false, `${name} does not hold the password`);
    }
  });

  it('reads the first line of stdin as the password, without its line break', async () => {
    const out = path.join(root, 'stdin');
    const result = await certs(['--out', out, '--password-stdin', ...FAST], {
      stdin: `${PASSWORD}\r\nsecond line\n`,
    });
    assert.equal(result.code, 0, result.stderr);
    const caKey = await fs.readFile(path.join(out, 'ca.key'));
    assert.doesNotThrow(() => createPrivateKey({ key: caKey, passphrase: PASSWORD }));
  });

  it('resolves --out against the working folder and passes names and alias through', async () => {
    const result = await certs(
      [
        '--out',
        'relative',
        '--password-env',
        'PASSWORD_FOR_TEST',
        '--cn',
        'kestra.example.test',
        '--san',
        'DNS:localhost,IP:10.0.0.5',
        '--san',
        'IP:::1',
        '--alias',
        'web',
        '--days',
        '90',
        ...FAST,
      ],
      { cwd: root },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /CN=kestra\.example\.test, DNS:kestra\.example\.test, DNS:localhost, IP:10\.0\.0\.5, IP:::1/,
    );
    assert.match(result.stdout, /key alias "web"/);
    const compose = await fs.readFile(path.join(root, 'relative', 'kestra-ssl.yml'), 'utf8');
    assert.match(compose, /- "\.\/relative:\/app\/ssl:ro"/);
  });

  it('writes only the selected files with --only', async () => {
    const out = path.join(root, 'only');
    const result = await certs([
      '--out',
      out,
      '--password-env',
      'PASSWORD_FOR_TEST',
      '--only',
      'keystore.p12,truststore.jks',
      ...FAST,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual([...(await readFolder(out)).keys()], ['keystore.p12', 'truststore.jks']);
  });

  it('replaces nothing without --force and leaves every file byte for byte', async () => {
    const out = path.join(root, 'twice');
    const args = ['--out', out, '--password-env', 'PASSWORD_FOR_TEST', ...FAST];
    assert.equal((await certs(args)).code, 0);
    const before = await readFolder(out);

    const second = await certs(args);
    assert.equal(second.code, 2);
    assert.match(second.stderr, /Not replacing existing files: .*ca\.key.*keystore\.p12/);
    assert.match(second.stderr, /--force/);
    assert.equal(second.stdout, '');
    assert.deepEqual(await readFolder(out), before);
  });

  it('writes no file at all when only one target exists', async () => {
    const out = path.join(root, 'one-exists');
    await fs.mkdir(out);
    await fs.writeFile(path.join(out, 'truststore.jks'), 'mine');
    const result = await certs(['--out', out, '--password-env', 'PASSWORD_FOR_TEST', ...FAST]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Not replacing existing file: .*truststore\.jks \(use --force/);
    assert.deepEqual(
      [...(await readFolder(out)).entries()],
      [['truststore.jks', Buffer.from('mine')]],
    );
  });

  it('replaces the files with --force, keeping owner-only modes', async () => {
    const out = path.join(root, 'forced');
    const args = ['--out', out, '--password-env', 'PASSWORD_FOR_TEST', ...FAST];
    assert.equal((await certs(args)).code, 0);
    const before = await readFolder(out);
    await fs.chmod(path.join(out, 'server.key'), 0o644);

    const result = await certs([...args, '--force']);
    assert.equal(result.code, 0, result.stderr);
    const afterForce = await readFolder(out);
    assert.deepEqual([...afterForce.keys()], [...before.keys()], 'no temporary file is left');
    for (const name of ['ca.pem', 'server.key', 'keystore.p12']) {
      assert.notDeepEqual(afterForce.get(name), before.get(name), `${name} was replaced`);
    }
    assert.equal((await fs.stat(path.join(out, 'server.key'))).mode & 0o777, 0o600);
  });

  const env = ['--password-env', 'PASSWORD_FOR_TEST'];
  for (const [label, args, message] of [
    ['a missing --out', [...env], /--out DIR is required/],
    ['no password option', ['--out', 'x'], /store password is required/],
    [
      'both password options',
      ['--out', 'x', ...env, '--password-stdin'],
      /either --password-stdin or --password-env/,
    ],
    ['an unset variable', ['--out', 'x', '--password-env', 'NOT_SET'], /NOT_SET is not set/],
    ['an unknown option', ['--out', 'x', ...env, '--colour'], /Unknown option '--colour'/],
    ['a positional word', ['--out', 'x', ...env, 'extra'], /positional argument/],
    ['an RSA-1024 key', ['--out', 'x', ...env, '--key-size', '1024'], /1024: choose one of 2048/],
    ['a word for --days', ['--out', 'x', ...env, '--days', 'soon'], /--days takes a whole number/],
    ['an unknown --only file', ['--out', 'x', ...env, '--only', 'cert.der'], /Unknown file in/],
    ['a bad SAN', ['--out', 'x', ...env, '--san', 'DNS:under_score'], /not a valid DNS name/],
  ] as const) {
    it(`exits 2 with a message and writes nothing for ${label}`, async () => {
      const result = await certs([...args], { cwd: root });
      assert.equal(result.code, 2);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
      await assert.rejects(fs.stat(path.join(root, 'x')), { code: 'ENOENT' });
    });
  }

  it('exits 2 for a password shorter than keytool accepts', async () => {
    const result = await certs(['--out', path.join(root, 'short'), '--password-stdin'], {
      stdin: 'abc\n',
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /at least 6 characters/);
    assert.equal(result.stderr.includes('abc\n'), false);
  });

  it('exits 2 for empty standard input', async () => {
    const result = await certs(['--out', path.join(root, 'empty'), '--password-stdin'], {
      stdin: '',
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /No password on standard input/);
  });

  it('exits 2 when the folder cannot be created', async () => {
    const blocker = path.join(root, 'a-file');
    await fs.writeFile(blocker, '');
    const result = await certs([
      '--out',
      path.join(blocker, 'ssl'),
      '--password-env',
      'PASSWORD_FOR_TEST',
      ...FAST,
    ]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /cannot write the files: .*(ENOTDIR|EEXIST)/);
  });

  it('prints the help with exit 0', async () => {
    const result = await certs(['--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: kestra-tls certs --out DIR/);
  });
});
