import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LogTraceNotification, SetTraceNotification } from 'vscode-languageserver-protocol';
import { WARM_UP_ENDED } from '../../server/src/server/features/idle-warm-up';
import { fixture, LspSession } from './support/lsp-session';

/** Starts a server with tracing on and resolves with the line that ends its warm-up. */
async function startTraced(): Promise<{ session: LspSession; warmUpEnded: Promise<string> }> {
  const session = await LspSession.start();
  const warmUpEnded = new Promise<string>((resolve) => {
    session.connection.onNotification(LogTraceNotification.type, ({ message }) => {
      if (message.startsWith(WARM_UP_ENDED)) {
        resolve(message);
      }
    });
  });
  await session.connection.sendNotification(SetTraceNotification.type, { value: 'verbose' });
  return { session, warmUpEnded };
}

describe('the warm-up while the server is idle', { timeout: 30_000 }, () => {
  it('runs to its end when no document opens', async () => {
    const { session, warmUpEnded } = await startTraced();
    try {
      assert.match(await warmUpEnded, /, complete, after \d+ ms of work$/);
    } finally {
      session.kill();
    }
  });

  it('waits for a document open as the server starts, which is checked at once', async () => {
    const { session, warmUpEnded } = await startTraced();
    try {
      const uri = 'file:///project/docker-compose.yml';
      let checked = false;
      const published = session.nextDiagnostics(uri).then((params) => {
        checked = true;
        return params;
      });
      await session.open(uri, fixture('compose-misplaced-ports.yml'));
      assert.match(await warmUpEnded, /, complete, /);
      assert.ok(checked, 'the document was checked before the warm-up went on');
      const { diagnostics } = await published;
      assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'misplaced-property'));
    } finally {
      session.kill();
    }
  });
});
