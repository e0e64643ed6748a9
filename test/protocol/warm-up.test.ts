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
      assert.match(await warmUpEnded, /, complete, after \d+ ms$/);
    } finally {
      session.kill();
    }
  });

  it('stops for a document open as the server starts, which is checked at once', async () => {
    const { session, warmUpEnded } = await startTraced();
    try {
      const uri = 'file:///project/docker-compose.yml';
      const published = session.nextDiagnostics(uri);
      await session.open(uri, fixture('compose-misplaced-ports.yml'));
      const { diagnostics } = await published;
      assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'misplaced-property'));
      assert.match(await warmUpEnded, /, stopped by a document that opened, /);
    } finally {
      session.kill();
    }
  });
});
