import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { fixture, LspSession } from './support/lsp-session';

const uri = 'file:///project/ipc/docker-compose.yml';

describe('over Node IPC, with settings pushed by the client', { timeout: 20_000 }, () => {
  let session: LspSession;

  before(async () => {
    session = await LspSession.start({ transport: 'ipc', pullConfiguration: false });
  });

  after(() => session.kill());

  it('publishes diagnostics', async () => {
    const published = session.nextDiagnostics(uri);
    await session.open(uri, fixture('compose-misplaced-ports.yml'));
    const { diagnostics } = await published;

    const misplaced = diagnostics.filter((diagnostic) => diagnostic.code === 'misplaced-property');
    assert.deepEqual(
      misplaced.map((diagnostic) => diagnostic.severity),
      [DiagnosticSeverity.Warning],
    );
  });

  it('applies severities sent with didChangeConfiguration', async () => {
    const published = session.nextDiagnostics(uri);
    await session.setRules({ 'misplaced-property': 'hint' }, true);
    const { diagnostics } = await published;

    const misplaced = diagnostics.filter((diagnostic) => diagnostic.code === 'misplaced-property');
    assert.deepEqual(
      misplaced.map((diagnostic) => diagnostic.severity),
      [DiagnosticSeverity.Hint],
    );
    assert.equal(session.configurationRequests, 0);
  });

  it('shuts down and exits with code 0', async () => {
    assert.equal(await session.stop(), 0);
  });
});
