// biome-ignore-all lint/suspicious/noTemplateCurlyInString: placeholders as written in YAML.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { NodeFileSystem } from '../../../server/src/engine/index';
import { substitute } from '../../../server/src/engine/rules/stores/setting-values';

describe('substitute', () => {
  it('takes the defaults of compose interpolation in a compose file', () => {
    assert.equal(substitute('${KS_PASSWORD:-changeit}', 'compose'), 'changeit');
    assert.equal(substitute('${KS_PASSWORD-changeit}', 'compose'), 'changeit');
    assert.equal(substitute('${KS_PASSWORD}', 'compose'), undefined);
    assert.equal(substitute('$KS_PASSWORD', 'compose'), undefined);
    assert.equal(substitute('${KS_PASSWORD:?set it}', 'compose'), undefined);
  });

  it("hands compose's escaped dollar and Micronaut's placeholders on", () => {
    assert.equal(substitute('pa$$word', 'compose'), 'pa$word');
    assert.equal(substitute('$${KS_PASSWORD:changeit}', 'compose'), 'changeit');
    assert.equal(substitute('$${KS_PASSWORD}', 'compose'), undefined);
    assert.equal(substitute('${KS_PASSWORD:changeit}', 'compose'), 'changeit');
  });

  it('reads only Micronaut placeholders in a configuration file', () => {
    assert.equal(substitute('${kestra.ssl.password:changeit}', 'none'), 'changeit');
    assert.equal(substitute('${KS_PASSWORD:}', 'none'), '');
    assert.equal(substitute('${KS_PASSWORD:-changeit}', 'none'), '-changeit');
    assert.equal(substitute('$KS_PASSWORD', 'none'), '$KS_PASSWORD');
    assert.equal(substitute('$(KS_PASSWORD)', 'none'), '$(KS_PASSWORD)');
    assert.equal(substitute('${KS_PASSWORD}', 'none'), undefined);
  });

  it("counts Kubernetes' $(NAME) as known only at start-up", () => {
    assert.equal(substitute('$(KS_PASSWORD)', 'kubernetes'), undefined);
    assert.equal(substitute('${KS_PASSWORD:changeit}', 'kubernetes'), 'changeit');
  });

  it('replaces placeholders inside a longer value, and gives up on nested ones', () => {
    assert.equal(
      substitute('file:${SSL_DIR:/app/ssl}/keystore.p12', 'none'),
      'file:/app/ssl/keystore.p12',
    );
    assert.equal(substitute('${A:${B:x}}', 'none'), undefined);
    assert.equal(substitute('file:/app/ssl/keystore.p12', 'compose'), 'file:/app/ssl/keystore.p12');
  });
});

describe('NodeFileSystem reading store files', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kestra-tls-read-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const file = path.join(root, 'keystore.p12');
  writeFileSync(file, Buffer.alloc(100, 0x30));

  it('stamps files and folders, with their real path', () => {
    const disk = new NodeFileSystem([root]);
    const stamp = disk.stat(file);
    assert.equal(stamp?.isFile, true);
    assert.equal(stamp?.size, 100);
    assert.equal(disk.stat(root)?.isFile, false);
    assert.equal(disk.stat(path.join(root, 'missing.p12')), undefined);
  });

  it('reads a file up to the limit and refuses one over it', () => {
    const disk = new NodeFileSystem([root]);
    assert.equal(disk.readFile(file, 100)?.length, 100);
    assert.equal(disk.readFile(file, 99), undefined);
    assert.equal(disk.readFile(root, 1000), undefined, 'a folder is not read');
    assert.equal(disk.readFile(path.join(root, 'missing.p12'), 1000), undefined);
  });
});
