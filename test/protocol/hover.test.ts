import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { hoverText } from '../../server/src/server/features/hover';
import { fixture, LspSession } from './support/lsp-session';
import { rangeOf } from './support/positions';

const URI = 'file:///project/hover/docker-compose.yml';
const compose = fixture('compose-misplaced-ports.yml');

describe('hover over stdio', { timeout: 20_000 }, () => {
  let session: LspSession;

  before(async () => {
    session = await LspSession.start();
    await session.openChecked(URI, compose);
  });

  after(() => session.kill());

  it('announces hover', () => {
    assert.equal(session.initializeResult?.capabilities.hoverProvider, true);
  });

  it('describes a key inside KESTRA_CONFIGURATION from the schemas', async () => {
    const key = rangeOf(compose, 'build-self-signed:', 'build-self-signed');

    const hover = await session.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: URI },
      position: { line: key.start.line, character: key.start.character + 3 },
    });

    assert.ok(hover, 'the key has a hover');
    assert.deepEqual(hover.range, key);
    const { kind, value } = hover.contents as MarkupContent;
    assert.equal(kind, 'markdown');
    assert.match(value, /^\*\*micronaut\.server\.ssl\.build-self-signed\*\* · boolean/);
    assert.match(value, /self-signed certificate at start-up/);
  });

  it('answers null where no property is named', async () => {
    const image = rangeOf(compose, 'image:', 'kestra/kestra');

    const hover = await session.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: URI },
      position: image.start,
    });

    assert.equal(hover, null);
  });
});

describe('the text of a hover', () => {
  const base = {
    path: 'micronaut.ssl.port',
    span: { start: 0, end: 4 },
    known: true,
    description: 'The port.',
    type: 'integer',
    default: 8443,
    allowed: undefined,
    deprecated: false,
    replacement: undefined,
  };

  it('gives the path, type, default and description', () => {
    const expected = '**micronaut.ssl.port** · integer · default `8443`\n\nThe port.';
    assert.equal(hoverText(base), expected);
  });

  it('names the replacement of a deprecated property, unless the description does', () => {
    const deprecated = { ...base, deprecated: true, replacement: 'micronaut.server.ssl.port' };
    assert.match(hoverText(deprecated), /Deprecated: use `micronaut.server.ssl.port` instead\./);
    const described = { ...deprecated, description: 'Deprecated: use the server one.' };
    assert.equal(hoverText(described).match(/Deprecated/g)?.length, 1);
  });

  it('says when the schemas do not describe a property', () => {
    const unknown = {
      ...base,
      known: false,
      description: undefined,
      type: undefined,
      default: undefined,
    };
    assert.equal(
      hoverText(unknown),
      '**micronaut.ssl.port**\n\nThe schemas of Kestra TLS do not describe this property.',
    );
  });
});
