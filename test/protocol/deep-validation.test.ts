import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { codes, lacks, reports } from './support/findings';
import { fixture, LspSession } from './support/lsp-session';

/**
 * A keystore that is not one: with the deep checks on, the server opens it and says it
 * cannot with the password it has; with them off, it never reads it.
 */
function folderWithKeystore(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'kestra-tls-protocol-'));
  mkdirSync(path.join(folder, 'ssl'));
  writeFileSync(path.join(folder, 'ssl', 'server.p12'), 'placeholder', { mode: 0o600 });
  return folder;
}

const DEEP_FINDING = 'store-password';

describe('the deep checks setting', { timeout: 20_000 }, () => {
  const folder = folderWithKeystore();
  const composeUri = pathToFileURL(path.join(folder, 'docker-compose.yml')).href;
  const compose = fixture('compose-keystore.yml');
  let session: LspSession;

  before(async () => {
    session = await LspSession.start({
      folder: pathToFileURL(folder).href,
      settings: { deepValidation: false },
    });
  });

  after(() => {
    session.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps the first check from opening stores when the user turned the checks off', async () => {
    const published = session.nextDiagnostics(composeUri);
    await session.open(composeUri, compose);

    const found = codes((await published).diagnostics);
    assert.ok(!found.includes(DEEP_FINDING), found.join(', '));
  });

  it('opens the stores once the setting turns the checks on', async () => {
    const published = session.nextDiagnostics(composeUri, reports(DEEP_FINDING));
    await session.configure({ deepValidation: true });

    await published;
  });

  it('stops opening them when it turns them off again', async () => {
    const published = session.nextDiagnostics(composeUri, lacks(DEEP_FINDING));
    await session.configure({ deepValidation: false, certificateExpiryWarningDays: 10 });

    await published;
  });

  it('logged no problem with the settings', () => {
    const warnings = session.logs.filter((entry) => /kestraTls/.test(entry.message));
    assert.deepEqual(warnings, []);
  });
});
