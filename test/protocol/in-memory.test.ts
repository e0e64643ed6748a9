import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  CancellationTokenSource,
  createConnection,
  createProtocolConnection,
  ErrorCodes,
  InitializeRequest,
  LogMessageNotification,
  type LogMessageParams,
  LSPErrorCodes,
  MessageType,
  ProposedFeatures,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { handleRequest } from '../../server/src/server/handle-request';
import { startServer } from '../../server/src/server/server';
import { fixture } from './support/lsp-session';

/**
 * The server's wiring, in this process, against a real client over a pair of in-memory
 * streams: fast, and able to add requests that fail on purpose.
 */
describe('the server over in-memory streams', { timeout: 10_000 }, () => {
  const clientToServer = new PassThrough();
  const serverToClient = new PassThrough();
  const server = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(clientToServer),
    new StreamMessageWriter(serverToClient),
  );
  let client: ProtocolConnection;
  const logs: LogMessageParams[] = [];
  let waitStarted: () => void = () => {};
  const waiting = new Promise<void>((resolve) => {
    waitStarted = resolve;
  });
  let failCalls = 0;

  before(async () => {
    const logger = startServer(server);
    server.onRequest(
      'test/fail',
      handleRequest('test/fail', logger, () => {
        failCalls++;
        throw new Error('the feature broke');
      }),
    );
    server.onRequest(
      'test/wait',
      handleRequest('test/wait', logger, (_params: unknown, token) => {
        waitStarted();
        return new Promise<string>((resolve) => {
          token.onCancellationRequested(() => resolve('too late'));
        });
      }),
    );
    server.listen();
    client = createProtocolConnection(
      new StreamMessageReader(serverToClient),
      new StreamMessageWriter(clientToServer),
    );
    client.onNotification(LogMessageNotification.type, (params) => {
      logs.push(params);
    });
    client.listen();
    await client.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: null,
      capabilities: {},
    });
  });

  after(() => {
    client.dispose();
    server.dispose();
  });

  it('turns a throw into an internal error response and an error log line', async () => {
    await assert.rejects(
      client.sendRequest('test/fail', {}),
      (error: unknown) =>
        error instanceof ResponseError &&
        error.code === ErrorCodes.InternalError &&
        error.message === 'test/fail failed: the feature broke',
    );
    const errors = logs.filter((entry) => entry.type === MessageType.Error);
    assert.equal(errors.length, 1);
    assert.match(errors[0]?.message ?? '', /^test\/fail failed: Error: the feature broke\n\s+at /);
  });

  it('answers a request cancelled while running with RequestCancelled', async () => {
    const source = new CancellationTokenSource();
    const answer = client.sendRequest('test/wait', {}, source.token);
    await waiting;
    source.cancel();
    await assert.rejects(answer, isCancelledResponse);
  });

  it('does not start a request cancelled before it ran', async () => {
    const source = new CancellationTokenSource();
    const answer = client.sendRequest('test/fail', {}, source.token);
    source.cancel();
    await assert.rejects(answer, isCancelledResponse);
    assert.equal(failCalls, 1);
  });

  it('refuses a second initialize', async () => {
    await assert.rejects(
      client.sendRequest(InitializeRequest.type, {
        processId: null,
        rootUri: null,
        capabilities: {},
      }),
      (error: unknown) =>
        error instanceof ResponseError && error.code === ErrorCodes.InvalidRequest,
    );
  });

  it('still publishes diagnostics after a failed request', async () => {
    const uri = 'file:///memory/docker-compose.yml';
    const published = new Promise<PublishDiagnosticsParams>((resolve) => {
      client.onNotification(PublishDiagnosticsNotification.type, resolve);
    });
    await client.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri,
        languageId: 'yaml',
        version: 1,
        text: fixture('compose-misplaced-ports.yml'),
      },
    });
    const params = await published;

    assert.equal(params.uri, uri);
    assert.ok(params.diagnostics.some((diagnostic) => diagnostic.code === 'misplaced-property'));
  });
});

function isCancelledResponse(error: unknown): boolean {
  return error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled;
}
