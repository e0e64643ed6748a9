import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CERTIFICATE_FILE_NAMES,
  type CertificateSet,
  ExistingFilesError,
  writeCertificateSet,
} from '../../server/src/certs';
import { makeTempFolder, readFolder, removeFolder } from './support';

/** A set with recognisable contents, so writing can be tested without generating keys. */
function fakeSet(tag: string): CertificateSet {
  return {
    files: CERTIFICATE_FILE_NAMES.map((name) => ({
      name,
      bytes: Buffer.from(`${tag}:${name}`),
      secret: name.endsWith('.key') || name.endsWith('.p12') || name.endsWith('.jks'),
    })),
    commonName: 'localhost',
    subjectAltNames: ['DNS:localhost'],
    notAfter: new Date(),
    alias: 'kestra',
  };
}

describe('writeCertificateSet', () => {
  let root: string;

  before(async () => {
    root = await makeTempFolder('write');
  });

  after(() => removeFolder(root));

  it('creates the folder 0700 and each file with its mode from the start', async () => {
    const folder = path.join(root, 'modes', 'nested');
    const written = await writeCertificateSet(fakeSet('one'), folder);
    assert.deepEqual(
      written,
      CERTIFICATE_FILE_NAMES.map((name) => path.join(folder, name)),
    );
    assert.equal((await fs.stat(folder)).mode & 0o777, 0o700);
    assert.equal((await fs.stat(path.join(folder, 'server.key'))).mode & 0o777, 0o600);
    assert.equal((await fs.stat(path.join(folder, 'truststore.jks'))).mode & 0o777, 0o600);
    assert.equal((await fs.stat(path.join(folder, 'ca.pem'))).mode & 0o022, 0);
  });

  it('refuses, names every existing file and changes nothing without force', async () => {
    const folder = path.join(root, 'refuse');
    await writeCertificateSet(fakeSet('one'), folder, { only: ['ca.pem', 'server.pem'] });
    const before = await readFolder(folder);

    await assert.rejects(writeCertificateSet(fakeSet('two'), folder), (error: Error) => {
      assert.ok(error instanceof ExistingFilesError);
      assert.deepEqual(error.paths, [path.join(folder, 'ca.pem'), path.join(folder, 'server.pem')]);
      return true;
    });
    assert.deepEqual(await readFolder(folder), before);
  });

  it('replaces with force and leaves no temporary file', async () => {
    const folder = path.join(root, 'force');
    await writeCertificateSet(fakeSet('one'), folder);
    await writeCertificateSet(fakeSet('two'), folder, { force: true });
    const files = await readFolder(folder);
    assert.deepEqual([...files.keys()], [...CERTIFICATE_FILE_NAMES].sort());
    assert.equal(files.get('keystore.p12')?.toString(), 'two:keystore.p12');
  });

  it('cleans up its temporary files when a file cannot be put in place', async () => {
    const folder = path.join(root, 'blocked');
    await fs.mkdir(path.join(folder, 'server.pem'), { recursive: true });
    await assert.rejects(writeCertificateSet(fakeSet('one'), folder, { force: true }));
    const left = (await fs.readdir(folder)).filter((name) => name.endsWith('.tmp'));
    assert.deepEqual(left, []);
  });
});
