import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type RemoteConsole, type RemoteTracer, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Workspace } from '../../server/src/engine/index';
import { FolderIndexFeature } from '../../server/src/server/features/folder-index';
import { Logger } from '../../server/src/server/logger';

/** A logger that keeps its lines, by level, instead of sending them to a client. */
function keptLogger(lines: string[]): Logger {
  const keep = (level: string) => (message: string) => lines.push(`${level}: ${message}`);
  const console = {
    error: keep('error'),
    warn: keep('warn'),
    info: keep('info'),
    log: keep('log'),
    debug: keep('debug'),
  };
  const tracer = { log: keep('trace') };
  return new Logger(console as unknown as RemoteConsole, tracer as unknown as RemoteTracer);
}

/**
 * The folder index in this process, with its limit lowered: a workspace with more YAML
 * files than the limit must not be read whole.
 */
describe('the limit on indexed files', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'kestra-tls-protocol-'));
  for (const name of ['e.yml', 'a.yml', 'd.yaml', 'b.yml', 'c.yaml']) {
    writeFileSync(path.join(folder, name), `name: ${name}\n`);
  }

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('reads the first files in code-unit order up to the limit, and says so once', async () => {
    const workspace = new Workspace({ folders: [folder] });
    const lines: string[] = [];
    let rechecks = 0;
    const index = new FolderIndexFeature(
      workspace,
      new TextDocuments(TextDocument),
      { recheck: () => {}, recheckAll: () => rechecks++ },
      keptLogger(lines),
      { folders: [folder], maxFiles: 3 },
    );

    await index.scan();

    const names = ['a.yml', 'b.yml', 'c.yaml'];
    const uris = names.map((name) => pathToFileURL(path.join(folder, name)).href);
    assert.deepEqual(workspace.uris().sort(), uris);
    assert.equal(rechecks, 1);
    const warnings = lines.filter((line) => line.startsWith('warn: '));
    assert.equal(warnings.length, 1, lines.join('\n'));
    assert.match(warnings[0] ?? '', /more than 3 YAML files/);
  });
});
