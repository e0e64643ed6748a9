import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import {
  CHECK_DELAY_MS,
  delayAfterChange,
  FIRST_CHANGE_DELAY_MS,
} from '../../server/src/server/features/diagnostics';
import { fixture, LspSession } from './support/lsp-session';
import { lineStart, linesRange, rangeOf } from './support/positions';

const COMPOSE_URI = 'file:///project/docker-compose.yml';
const WORKFLOW_URI = 'file:///project/.github/workflows/ci.yml';
const compose = fixture('compose-misplaced-ports.yml');
const portsKey = rangeOf(compose, 'ports:', 'ports');

describe('diagnostics over stdio', { timeout: 20_000 }, () => {
  let session: LspSession;
  let openedDiagnostics = 0;

  before(async () => {
    session = await LspSession.start();
  });

  after(() => session.kill());

  it('announces incremental sync and registers for settings and file changes', async () => {
    const sync = session.initializeResult?.capabilities.textDocumentSync;
    assert.deepEqual(sync, { openClose: true, change: 2 });
    const settings = await session.registration('workspace/didChangeConfiguration');
    assert.deepEqual(settings.registerOptions, { section: 'kestraTls' });
    const files = await session.registration('workspace/didChangeWatchedFiles');
    const watchers = (files.registerOptions as { watchers: { globPattern: string }[] }).watchers;
    assert.ok(watchers.some((watcher) => watcher.globPattern === '**/.gitignore'));
  });

  it('reports `ports` inside KESTRA_CONFIGURATION when a compose file opens', async () => {
    const published = session.nextDiagnostics(COMPOSE_URI);
    const version = await session.open(COMPOSE_URI, compose);
    const { diagnostics, version: publishedVersion } = await published;

    assert.equal(publishedVersion, version);
    const misplaced = diagnostics.filter((diagnostic) => diagnostic.code === 'misplaced-property');
    assert.equal(misplaced.length, 1);
    const [diagnostic] = misplaced;
    assert.equal(diagnostic?.source, 'kestra-tls');
    assert.equal(diagnostic?.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(diagnostic?.range, portsKey);
    assert.equal(typeof diagnostic?.message, 'string');
    assert.match(String(diagnostic?.message), /KESTRA_CONFIGURATION/);
    assert.deepEqual(diagnostic?.data, {
      from: 'kestra.ports',
      to: 'service.ports',
      kind: 'compose-key',
    });
    openedDiagnostics = diagnostics.length;
  });

  it('drops the finding when an edit moves `ports` to the service', async () => {
    const published = session.nextDiagnostics(COMPOSE_URI);
    const line = portsKey.start.line;
    const environment = rangeOf(compose, 'environment:', 'environment').start.line;
    const version = await session.edit(
      COMPOSE_URI,
      { range: linesRange(line, line + 1), text: '' },
      { range: lineStart(environment), text: '    ports:\n      - "8443:8443"\n' },
    );
    const result = await published;

    assert.equal(result.version, version);
    assert.ok(result.diagnostics.every((diagnostic) => diagnostic.code !== 'misplaced-property'));
    assert.equal(result.diagnostics.length, openedDiagnostics - 1);
  });

  it('checks the changes an editor writes together once, for the last of them', async () => {
    const uri = 'file:///project/together/docker-compose.yml';
    const opened = session.nextDiagnostics(uri);
    await session.open(uri, compose);
    await opened;

    const published = session.nextDiagnostics(uri);
    const line = portsKey.start.line;
    const environment = rangeOf(compose, 'environment:', 'environment').start.line;
    const version = session.editsAtOnce(uri, [
      { range: linesRange(line, line + 1), text: '' },
      { range: lineStart(environment), text: '    ports:\n      - "8443:8443"\n' },
      { range: lineStart(0), text: '# Kestra over HTTPS\n' },
    ]);
    const result = await published;

    assert.equal(result.version, version);
    assert.ok(result.diagnostics.every((diagnostic) => diagnostic.code !== 'misplaced-property'));
  });

  it('publishes nothing for YAML that is not Kestra', async () => {
    const published = session.nextDiagnostics(WORKFLOW_URI);
    await session.open(WORKFLOW_URI, fixture('github-workflow.yml'));

    assert.deepEqual((await published).diagnostics, []);
  });

  it('clears diagnostics when a document closes', async () => {
    const uri = 'file:///project/closing/docker-compose.yml';
    const opened = session.nextDiagnostics(uri);
    await session.open(uri, compose);
    assert.ok((await opened).diagnostics.length > 0);

    const cleared = session.nextDiagnostics(uri);
    await session.close(uri);
    assert.deepEqual((await cleared).diagnostics, []);
  });
});

describe('rule severities from settings', { timeout: 20_000 }, () => {
  const uri = 'file:///project/settings/docker-compose.yml';
  let session: LspSession;

  before(async () => {
    session = await LspSession.start();
    const opened = session.nextDiagnostics(uri);
    await session.open(uri, compose);
    await opened;
  });

  after(() => session.kill());

  it('drops a rule set to off', async () => {
    const published = session.nextDiagnostics(uri);
    await session.setRules({ 'misplaced-property': 'off' });

    assert.deepEqual(misplacedSeverities((await published).diagnostics), []);
  });

  it('raises a rule set to error', async () => {
    const published = session.nextDiagnostics(uri);
    await session.setRules({ 'misplaced-property': 'error' });

    const severities = misplacedSeverities((await published).diagnostics);
    assert.deepEqual(severities, [DiagnosticSeverity.Error]);
  });

  it('ignores an unknown severity, logging the rule but not the value', async () => {
    const published = session.nextDiagnostics(uri);
    await session.setRules({ 'misplaced-property': 'hunter2' });

    const severities = misplacedSeverities((await published).diagnostics);
    assert.deepEqual(severities, [DiagnosticSeverity.Warning]);
    const logged = session.logs.map((entry) => entry.message).join('\n');
    assert.match(logged, /rule `misplaced-property` an unknown severity/);
    assert.doesNotMatch(logged, /hunter2/);
  });

  it('reads settings with workspace/configuration', () => {
    assert.ok(session.configurationRequests >= 3, `${session.configurationRequests} requests`);
  });
});

function misplacedSeverities(diagnostics: Diagnostic[]): (DiagnosticSeverity | undefined)[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.code === 'misplaced-property')
    .map((diagnostic) => diagnostic.severity);
}

describe('when a change is checked', () => {
  it('checks a change almost at once when no check is waiting', () => {
    assert.equal(delayAfterChange(false), FIRST_CHANGE_DELAY_MS);
    assert.ok(FIRST_CHANGE_DELAY_MS < CHECK_DELAY_MS);
  });

  it('waits for the document to be quiet when a check is still waiting', () => {
    assert.equal(delayAfterChange(true), CHECK_DELAY_MS);
  });
});
