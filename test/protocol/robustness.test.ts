import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ErrorCodes, MessageType, ResponseError } from 'vscode-languageserver-protocol';
import { fixture, LspSession, SERVER_PATH } from './support/lsp-session';

/**
 * Nine levels of nine aliases: 387 million nodes once expanded, and nothing when walked
 * as a tree of nodes. The bomb sits both in the compose file and in its embedded config.
 */
function aliasBomb(indent: string): string[] {
  const names = 'abcdefghi';
  const lines = [`${indent}a: &a [${Array(9).fill('"lol"').join(', ')}]`];
  for (let level = 1; level < names.length; level++) {
    const previous = `*${names[level - 1]}`;
    lines.push(
      `${indent}${names[level]}: &${names[level]} [${Array(9).fill(previous).join(', ')}]`,
    );
  }
  return lines;
}

const aliasBombCompose = [
  'x-bomb:',
  ...aliasBomb('  '),
  'services:',
  '  kestra:',
  '    image: kestra/kestra:latest',
  '    environment:',
  '      KESTRA_CONFIGURATION: |',
  ...aliasBomb('        '),
  '        kestra:',
  '          ports: ["8443:8443"]',
  '',
].join('\n');

/** Ensures the server still works after an ordeal: a fresh document gets its diagnostics. */
async function assertStillChecking(session: LspSession, name: string): Promise<void> {
  const uri = `file:///project/${name}/docker-compose.yml`;
  const published = session.nextDiagnostics(uri);
  await session.open(uri, fixture('compose-misplaced-ports.yml'));
  const { diagnostics } = await published;
  assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'misplaced-property'));
}

describe('the server binary', () => {
  it('explains its transports and exits with code 2 when given none', () => {
    assert.ok(existsSync(SERVER_PATH), `${SERVER_PATH} is missing: run \`npm run build\` first.`);
    const result = spawnSync(process.execPath, [SERVER_PATH], { encoding: 'utf8' });

    assert.equal(result.status, 2);
    assert.match(result.stderr, /^Usage: kestra-tls-language-server --stdio/);
    assert.equal(result.stdout, '');
  });
});

describe('a server that survives its input', { timeout: 30_000 }, () => {
  let session: LspSession;

  before(async () => {
    session = await LspSession.start();
  });

  after(() => session.kill());

  it('answers an unknown request with an error and keeps serving', async () => {
    await assert.rejects(
      session.connection.sendRequest('kestraTls/noSuchRequest', {}),
      (error: unknown) =>
        error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound,
    );
    await assertStillChecking(session, 'after-unknown-request');
  });

  it('ignores a change to a document that was never opened', async () => {
    await session.edit('file:///project/never-opened.yml', {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      text: 'kestra:\n',
    });
    await assertStillChecking(session, 'after-stray-change');
  });

  it('checks text that is not YAML at all without failing', async () => {
    const uri = 'file:///project/garbage.yml';
    const published = session.nextDiagnostics(uri);
    await session.open(uri, '\u0000\t: [{{ "\n  - ]\n\ud800 &&& *x *y\n---\n...\n%YAML 9\n');

    assert.deepEqual((await published).diagnostics, []);
  });

  it('checks an alias bomb quickly, without expanding it', async () => {
    const uri = 'file:///project/alias-bomb/docker-compose.yml';
    const published = session.nextDiagnostics(uri);
    const started = performance.now();
    await session.open(uri, aliasBombCompose);
    const { diagnostics } = await published;
    const elapsed = performance.now() - started;

    assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'misplaced-property'));
    assert.ok(elapsed < 2000, `the alias bomb took ${elapsed.toFixed(0)} ms`);
  });

  it('skips a 5 MB file with a log line and stays responsive', async () => {
    const uri = 'file:///project/huge/docker-compose.yml';
    const service = fixture('compose-misplaced-ports.yml').replace(/^services:\n/m, '');
    const services = Math.ceil(5_000_000 / service.length);
    const renamed = Array.from({ length: services }, (_, index) =>
      service.replace('  kestra:', `  kestra-${index}:`),
    );
    const published = session.nextDiagnostics(uri);
    await session.open(uri, `services:\n${renamed.join('')}`);

    assert.deepEqual((await published).diagnostics, []);
    const logged = session.logs.map((entry) => entry.message);
    assert.ok(logged.some((message) => message.includes(`${uri} is not checked`)));
    await assertStillChecking(session, 'after-huge-file');
  });

  it('logged no error through all of it', () => {
    const errors = session.logs.filter((entry) => entry.type === MessageType.Error);
    assert.deepEqual(errors, []);
  });

  it('shuts down and exits with code 0', async () => {
    assert.equal(await session.stop(), 0);
  });
});
