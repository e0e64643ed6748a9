import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { NodeFileSystem } from '../../../server/src/engine/index';

describe('NodeFileSystem', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kestra-tls-fs-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(path.join(root, '.gitignore'), '*.p12\n!keep.p12\n');
  mkdirSync(path.join(root, 'deploy', 'certs'), { recursive: true });
  writeFileSync(path.join(root, 'deploy', '.gitignore'), 'certs/\n');
  writeFileSync(path.join(root, 'deploy', 'docker-compose.yml'), 'services: {}\n');

  it('tells whether a file exists', () => {
    const disk = new NodeFileSystem([root]);
    assert.equal(disk.exists(path.join(root, 'deploy', 'docker-compose.yml')), true);
    assert.equal(disk.exists(path.join(root, 'deploy', 'certs', 'keystore.p12')), false);
  });

  it('applies every .gitignore from the workspace folder down to the file', () => {
    const disk = new NodeFileSystem([root]);
    assert.equal(disk.isIgnored(path.join(root, 'ssl', 'server.p12')), true);
    assert.equal(disk.isIgnored(path.join(root, 'ssl', 'keep.p12')), false);
    assert.equal(disk.isIgnored(path.join(root, 'deploy', 'certs', 'truststore.jks')), true);
    assert.equal(disk.isIgnored(path.join(root, 'deploy', 'docker-compose.yml')), false);
  });

  it('reads .gitignore files again after clear', () => {
    const disk = new NodeFileSystem([root]);
    const file = path.join(root, 'deploy', 'ca.pem');
    assert.equal(disk.isIgnored(file), false);
    writeFileSync(path.join(root, 'deploy', '.gitignore'), 'certs/\n*.pem\n');
    assert.equal(disk.isIgnored(file), false, 'the first reading is kept until cleared');
    disk.clear();
    assert.equal(disk.isIgnored(file), true);
  });

  it('ignores nothing outside any folder it knows and any git repository', () => {
    const disk = new NodeFileSystem([path.join(root, 'deploy')]);
    assert.equal(disk.isIgnored(path.join(tmpdir(), 'elsewhere', 'server.p12')), false);
  });
});
