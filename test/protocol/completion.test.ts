import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type CompletionItem,
  CompletionItemTag,
  CompletionRequest,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { fixture, LspSession } from './support/lsp-session';
import { rangeOf } from './support/positions';

const URI = 'file:///project/completion/docker-compose.yml';
const compose = fixture('compose-misplaced-ports.yml');

describe('completion over stdio', { timeout: 20_000 }, () => {
  let session: LspSession;

  before(async () => {
    session = await LspSession.start();
    await session.openChecked(URI, compose);
  });

  after(() => session.kill());

  it('announces completion', () => {
    assert.ok(session.initializeResult?.capabilities.completionProvider);
  });

  it('offers the SSL keys on a line just typed inside KESTRA_CONFIGURATION', async () => {
    // A new line under `ssl:` with the start of a key, sent as the editor sends a keystroke.
    const port = rangeOf(compose, 'port: 8443', 'port');
    const insertAt = { line: port.start.line + 1, character: 0 };
    await session.edit(URI, {
      range: { start: insertAt, end: insertAt },
      text: '              ke\n',
    });

    const items = (await session.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: URI },
      position: { line: insertAt.line, character: 16 },
    })) as CompletionItem[];

    const labels = items.map((item) => item.label);
    assert.ok(labels.includes('key-store'), String(labels));
    assert.ok(!labels.includes('port'), 'port is written already');
    const keyStore = items.find((item) => item.label === 'key-store');
    assert.deepEqual(keyStore?.textEdit as TextEdit, {
      range: {
        start: { line: insertAt.line, character: 14 },
        end: { line: insertAt.line, character: 16 },
      },
      newText: 'key-store:',
    });
    assert.equal(keyStore?.detail, 'micronaut.server.ssl.key-store · object');
    assert.ok(keyStore?.documentation);
  });

  it('tags deprecated properties and lists them last', async () => {
    const uri = 'file:///project/completion/deprecated/docker-compose.yml';
    const text =
      'services:\n  kestra:\n    image: kestra/kestra:latest\n    environment:\n' +
      '      KESTRA_CONFIGURATION: |\n        micronaut:\n          ssl:\n            p\n';
    await session.open(uri, text);

    const items = (await session.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 7, character: 13 },
    })) as CompletionItem[];

    const port = items.find((item) => item.label === 'port');
    assert.deepEqual(port?.tags, [CompletionItemTag.Deprecated]);
    const sorted = [...items].sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)));
    assert.equal(sorted.at(-1)?.tags?.[0], CompletionItemTag.Deprecated);
  });

  it('answers null outside a configuration', async () => {
    const image = rangeOf(compose, 'image:', 'image');

    const outside = await session.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: URI },
      position: image.end,
    });

    assert.equal(outside, null);
  });
});
