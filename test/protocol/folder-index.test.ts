import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { lacks, reports } from './support/findings';
import { fixture, LspSession } from './support/lsp-session';
import { lineStart, rangeOf } from './support/positions';

/** A temporary workspace folder holding `files`, by path relative to it. */
function makeFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'kestra-tls-protocol-'));
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    writeFileSync(path.join(folder, relative), text);
  }
  return folder;
}

function uriOf(folder: string, relative = ''): string {
  return pathToFileURL(path.join(folder, relative)).href;
}

const UNPUBLISHED = 'ssl-port-not-published';

describe('a compose override beside the open base file', { timeout: 20_000 }, () => {
  const base = fixture('compose-https-unpublished.yml');
  const override = fixture('compose-override-environment.yml');
  const folder = makeFolder({
    'docker-compose.yml': base,
    'docker-compose.override.yml': override,
    // Neither is read: the first is a dependency's, the second too large to be configuration.
    'node_modules/chart/docker-compose.yml': base,
    'generated.yml': `# generated\n${'key: value\n'.repeat(100_000)}`,
  });
  const baseUri = uriOf(folder, 'docker-compose.yml');
  const overridePath = path.join(folder, 'docker-compose.override.yml');
  const overrideUri = uriOf(overridePath);
  let session: LspSession;

  before(async () => {
    session = await LspSession.start({ folder: uriOf(folder) });
  });

  after(() => {
    session.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reports the HTTPS port that neither the base nor the override publishes', async () => {
    const published = session.nextDiagnostics(baseUri, reports(UNPUBLISHED));
    await session.open(baseUri, base);

    const { diagnostics } = await published;
    const finding = diagnostics.find((diagnostic) => diagnostic.code === UNPUBLISHED);
    assert.match(String(finding?.message), /"8443:8443"/);
  });

  it('drops the finding when the open override publishes the port', async () => {
    const opened = session.nextDiagnostics(overrideUri);
    await session.open(overrideUri, override);
    await opened;

    const fixed = session.nextDiagnostics(baseUri, lacks(UNPUBLISHED));
    const environment = rangeOf(override, 'environment:', 'environment').start.line;
    await session.edit(overrideUri, {
      range: lineStart(environment),
      text: '    ports:\n      - "8443:8443"\n',
    });

    await fixed;
  });

  it('brings the finding back when the override closes unsaved, as on disk', async () => {
    const back = session.nextDiagnostics(baseUri, reports(UNPUBLISHED));
    await session.close(overrideUri);

    await back;
  });

  it('drops the finding when the closed override publishes the port on disk', async () => {
    writeFileSync(overridePath, fixture('compose-override-https.yml'));
    const fixed = session.nextDiagnostics(baseUri, lacks(UNPUBLISHED));
    await session.filesChanged([{ uri: overrideUri, type: FileChangeType.Changed }]);

    await fixed;
  });

  it('brings the finding back when the override is deleted', async () => {
    unlinkSync(overridePath);
    const back = session.nextDiagnostics(baseUri, reports(UNPUBLISHED));
    await session.filesChanged([{ uri: overrideUri, type: FileChangeType.Deleted }]);

    await back;
  });

  it('indexed the two compose files only, leaving out node_modules and the large file', () => {
    const logged = session.logs.map((entry) => entry.message).join('\n');
    assert.match(logged, /Indexed 2 YAML files of 1 workspace folder\(s\) in \d+ ms/);
    assert.match(logged, /\(1 over 1 MB left out\)/);
  });
});

describe('a Service and an Ingress in a file that is not open', { timeout: 20_000 }, () => {
  const deployment = fixture('kestra-url-deployment.yaml');
  const ingress = fixture('kestra-ingress-tls.yaml');
  const folder = makeFolder({ 'k8s/deployment.yaml': deployment, 'k8s/ingress.yaml': ingress });
  const deploymentUri = uriOf(folder, 'k8s/deployment.yaml');
  const ingressPath = path.join(folder, 'k8s/ingress.yaml');
  let session: LspSession;

  before(async () => {
    session = await LspSession.start({ folder: uriOf(folder) });
  });

  after(() => {
    session.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reports an http kestra.url for a host the closed Ingress serves over TLS', async () => {
    const published = session.nextDiagnostics(deploymentUri, reports('url-mismatch'));
    await session.open(deploymentUri, deployment);

    const { diagnostics } = await published;
    const finding = diagnostics.find((diagnostic) => diagnostic.code === 'url-mismatch');
    assert.match(String(finding?.message), /Ingress serves kestra\.example\.com over HTTPS/);
  });

  it('drops the finding when the Service on disk stops selecting the pods', async () => {
    writeFileSync(ingressPath, ingress.replace('app: kestra', 'app: scheduler'));
    const fixed = session.nextDiagnostics(deploymentUri, lacks('url-mismatch'));
    await session.filesChanged([{ uri: uriOf(ingressPath), type: FileChangeType.Changed }]);

    await fixed;
  });

  it('published nothing for the file that was never opened', () => {
    assert.ok(session.publishedUris.has(deploymentUri));
    assert.ok(!session.publishedUris.has(uriOf(ingressPath)));
  });
});

describe('a folder of manifests that appears and goes as a whole', { timeout: 20_000 }, () => {
  const deployment = fixture('kestra-url-deployment.yaml');
  const folder = makeFolder({ 'k8s/deployment.yaml': deployment });
  const deploymentUri = uriOf(folder, 'k8s/deployment.yaml');
  const routes = path.join(folder, 'routes');
  let session: LspSession;

  before(async () => {
    session = await LspSession.start({ folder: uriOf(folder) });
    const opened = session.nextDiagnostics(deploymentUri);
    await session.open(deploymentUri, deployment);
    assert.ok(lacks('url-mismatch')(await opened));
  });

  after(() => {
    session.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  // Watchers may report a folder moved in or out as one event, none for the files it holds.
  it('reads the YAML files of a folder reported created', async () => {
    mkdirSync(routes);
    writeFileSync(path.join(routes, 'ingress.yaml'), fixture('kestra-ingress-tls.yaml'));
    const published = session.nextDiagnostics(deploymentUri, reports('url-mismatch'));
    await session.filesChanged([{ uri: uriOf(routes), type: FileChangeType.Created }]);

    await published;
  });

  it('drops the YAML files of a folder reported deleted', async () => {
    rmSync(routes, { recursive: true });
    const published = session.nextDiagnostics(deploymentUri, lacks('url-mismatch'));
    await session.filesChanged([{ uri: uriOf(routes), type: FileChangeType.Deleted }]);

    await published;
  });
});

describe('a Deployment in a file that is not open', { timeout: 20_000 }, () => {
  const deployment = fixture('kestra-deployment.yaml');
  // The Service targets a port name that the Deployment does not declare.
  const service = fixture('kestra-service.yaml').replace('targetPort: https', 'targetPort: web');
  const folder = makeFolder({ 'deployment.yaml': deployment, 'service.yaml': service });
  const deploymentPath = path.join(folder, 'deployment.yaml');
  const serviceUri = uriOf(folder, 'service.yaml');
  let session: LspSession;

  before(async () => {
    session = await LspSession.start({ folder: uriOf(folder) });
  });

  after(() => {
    session.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  it('checks the open Service against the Deployment read from disk', async () => {
    const published = session.nextDiagnostics(serviceUri, reports('port-not-listening'));
    await session.open(serviceUri, service);

    const { diagnostics } = await published;
    const finding = diagnostics.find((diagnostic) => diagnostic.code === 'port-not-listening');
    assert.match(String(finding?.message), /`web`/);
  });

  it('drops the finding when the Deployment on disk names its port as targeted', async () => {
    writeFileSync(deploymentPath, deployment.replace('- name: https', '- name: web'));
    const fixed = session.nextDiagnostics(serviceUri, lacks('port-not-listening'));
    await session.filesChanged([{ uri: uriOf(deploymentPath), type: FileChangeType.Changed }]);

    await fixed;
  });
});

describe('workspace folders added and removed', { timeout: 20_000 }, () => {
  const base = fixture('compose-https-unpublished.yml');
  const first = makeFolder({});
  const added = makeFolder({
    'docker-compose.yml': base,
    'docker-compose.override.yml': fixture('compose-override-https.yml'),
  });
  const baseUri = uriOf(added, 'docker-compose.yml');
  let session: LspSession;

  before(async () => {
    session = await LspSession.start({ folder: uriOf(first), followFolders: true });
  });

  after(() => {
    session.kill();
    rmSync(first, { recursive: true, force: true });
    rmSync(added, { recursive: true, force: true });
  });

  it('does not read the override of a file outside the workspace folders', async () => {
    const published = session.nextDiagnostics(baseUri, reports(UNPUBLISHED));
    await session.open(baseUri, base);

    await published;
  });

  it('reads the override once its folder is added', async () => {
    const fixed = session.nextDiagnostics(baseUri, lacks(UNPUBLISHED));
    await session.changeFolders([uriOf(added)]);

    await fixed;
  });

  it('forgets the override once its folder is removed', async () => {
    const back = session.nextDiagnostics(baseUri, reports(UNPUBLISHED));
    await session.changeFolders([], [uriOf(added)]);

    await back;
  });
});
