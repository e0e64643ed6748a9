import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type Diagnostic, FileChangeType } from 'vscode-languageserver-protocol';
import { codes, lacks, reports } from './support/findings';
import { fixture, LspSession } from './support/lsp-session';
import { rangeOf } from './support/positions';

describe('findings that span files', { timeout: 20_000 }, () => {
  const deploymentUri = 'file:///project/k8s/deployment.yaml';
  const serviceUri = 'file:///project/k8s/service.yaml';
  const deployment = fixture('kestra-deployment.yaml');
  const portName = rangeOf(deployment, '- name: https', 'https');
  let session: LspSession;
  let serviceAtOpen: Diagnostic[] = [];

  before(async () => {
    session = await LspSession.start();
    const opened = [session.nextDiagnostics(deploymentUri), session.nextDiagnostics(serviceUri)];
    await session.open(deploymentUri, deployment);
    await session.open(serviceUri, fixture('kestra-service.yaml'));
    serviceAtOpen = (await Promise.all(opened))[1]?.diagnostics ?? [];
  });

  after(() => session.kill());

  // Opening both files checks each again when the other arrives, so publishes for the
  // Service without the finding may still come in; the tests wait for the one that matters.
  it('checks an open Service again when its Deployment changes in another file', async () => {
    const service = session.nextDiagnostics(serviceUri, reports('port-not-listening'));
    await session.edit(deploymentUri, { range: portName, text: 'web' });

    const { diagnostics } = await service;
    const finding = diagnostics.find((diagnostic) => diagnostic.code === 'port-not-listening');
    assert.match(String(finding?.message), /`https`/);
  });

  it('gives the Service its findings at open back when the edit is undone', async () => {
    const service = session.nextDiagnostics(serviceUri, lacks('port-not-listening'));
    const renamed = {
      ...portName,
      end: { ...portName.end, character: portName.start.character + 3 },
    };
    await session.edit(deploymentUri, { range: renamed, text: 'https' });

    assert.deepEqual((await service).diagnostics, serviceAtOpen);
  });
});

describe('files on disk', { timeout: 20_000 }, () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'kestra-tls-protocol-'));
  const composeUri = pathToFileURL(path.join(folder, 'docker-compose.yml')).href;
  const keystore = path.join(folder, 'ssl', 'server.p12');
  const compose = fixture('compose-keystore.yml');
  let session: LspSession;

  before(async () => {
    session = await LspSession.start({ folder: pathToFileURL(folder).href });
  });

  after(() => {
    session.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reports a keystore that is not on disk', async () => {
    const published = session.nextDiagnostics(composeUri);
    await session.open(composeUri, compose);

    assert.ok(codes((await published).diagnostics).includes('store-file-missing'));
  });

  it('checks again when the watcher reports the keystore created', async () => {
    mkdirSync(path.dirname(keystore));
    // Not a real keystore: the check is about the file being there.
    writeFileSync(keystore, 'placeholder', { mode: 0o600 });
    const published = session.nextDiagnostics(composeUri);
    await session.filesChanged([
      { uri: pathToFileURL(keystore).href, type: FileChangeType.Created },
    ]);

    assert.ok(!codes((await published).diagnostics).includes('store-file-missing'));
  });
});
