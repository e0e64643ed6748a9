import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Workspace, type WorkspaceFileSystem } from '../../../server/src/engine/index';
import { kubernetesManifest, SSL_WITH_KEYSTORE } from './manifests';
import {
  assertAsFresh,
  composeFile,
  FakeFileSystem,
  FOLDER,
  findings,
  uriOf,
  workspaceOf,
} from './support';

const PORTS = '    ports:\n      - "8443:8443"\n';
const MOUNTED = composeFile(
  SSL_WITH_KEYSTORE,
  `${PORTS}    volumes:\n      - ./certs:/app/ssl:ro\n`,
);
const KEYSTORE = path.join(FOLDER, 'certs', 'keystore.p12');
const VARIABLE = `\${KEYSTORE_PASSWORD}`;

/** A disk whose files and git-ignored paths the test changes, as a user would. */
class ChangingDisk implements WorkspaceFileSystem {
  readonly files = new Set<string>();
  readonly ignored = new Set<string>();

  exists(fsPath: string): boolean {
    return this.files.has(fsPath);
  }

  isIgnored(fsPath: string): boolean {
    return this.ignored.has(fsPath);
  }
}

function severities(workspace: Workspace, code: string): string[] {
  return findings(workspace, 'docker-compose.yml', code).map((finding) => finding.severity);
}

describe('workspace rules across changes', () => {
  it('asks the disk again after it changed, whatever the rules kept', () => {
    const disk = new ChangingDisk();
    const workspace = workspaceOf({ 'docker-compose.yml': MOUNTED }, disk);
    assert.deepEqual(severities(workspace, 'store-file-missing'), ['warning']);

    disk.ignored.add(KEYSTORE);
    workspace.fileSystemChanged();
    assert.deepEqual(severities(workspace, 'store-file-missing'), ['information']);

    disk.files.add(KEYSTORE);
    workspace.fileSystemChanged();
    assert.deepEqual(severities(workspace, 'store-file-missing'), []);

    disk.files.delete(KEYSTORE);
    disk.ignored.delete(KEYSTORE);
    workspace.fileSystemChanged();
    assert.deepEqual(severities(workspace, 'store-file-missing'), ['warning']);
  });

  it('looks for host files inside the folders of each workspace', () => {
    const inside = workspaceOf({ 'docker-compose.yml': MOUNTED });
    assert.equal(severities(inside, 'store-file-missing').length, 1);

    // The same file in a workspace whose folder holds none of its host files.
    const elsewhere = new Workspace({
      folders: [path.resolve('/srv/other-project')],
      fileSystem: new FakeFileSystem(),
    });
    elsewhere.setFile(uriOf('docker-compose.yml'), MOUNTED);
    assert.deepEqual(
      elsewhere
        .diagnose(uriOf('docker-compose.yml'))
        .filter((diagnostic) => diagnostic.code === 'store-file-missing'),
      [],
    );
    assert.equal(severities(inside, 'store-file-missing').length, 1);
  });

  it('judges the mounts and image again when they change', () => {
    // The edits leave KESTRA_CONFIGURATION where it was, so its settings are kept.
    const bare = composeFile(SSL_WITH_KEYSTORE, PORTS);
    const workspace = workspaceOf({ 'docker-compose.yml': bare });
    assert.deepEqual(severities(workspace, 'store-not-mounted'), ['error']);

    const ownImage = bare.replace('kestra/kestra:latest', 'kestra/kestrx:latest');
    workspace.setFile(uriOf('docker-compose.yml'), ownImage);
    assert.deepEqual(severities(workspace, 'store-not-mounted'), ['information']);
    assertAsFresh(workspace, { 'docker-compose.yml': ownImage });

    const mounted = `${bare}    volumes:\n      - ./ssl:/app/ssl:ro\n`;
    workspace.setFile(uriOf('docker-compose.yml'), mounted);
    assert.deepEqual(severities(workspace, 'store-not-mounted'), []);
    assert.equal(severities(workspace, 'store-file-missing').length, 1);
    assertAsFresh(workspace, { 'docker-compose.yml': mounted });
  });

  it('checks the keys of a Secret again when another file changes it', () => {
    const secret = (key: string) =>
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: kestra-ssl\n' +
      `type: Opaque\nstringData:\n  ${key}: not a real store\n`;
    const files = {
      'k8s/kestra.yaml': kubernetesManifest('targetPort: https'),
      'k8s/secret.yaml': secret('server.p12'),
    };
    const workspace = workspaceOf(files);
    const missing = () => findings(workspace, 'k8s/kestra.yaml', 'store-file-missing');
    assert.deepEqual(missing()[0]?.data?.keys, ['server.p12']);

    workspace.setFile(uriOf('k8s/secret.yaml'), secret('keystore.p12'));
    assert.deepEqual(missing(), []);
    assertAsFresh(workspace, { ...files, 'k8s/secret.yaml': secret('keystore.p12') });

    workspace.deleteFile(uriOf('k8s/secret.yaml'));
    assert.deepEqual(missing(), [], 'a Secret outside the workspace is a missing fact');
    workspace.setFile(uriOf('k8s/secret.yaml'), secret('other.p12'));
    assert.deepEqual(missing()[0]?.data?.keys, ['other.p12']);
  });

  it('hints at a literal password once per place, and no more once it is a variable', () => {
    const config =
      'micronaut:\n  server:\n    ssl:\n      key-store:\n        password: changeit\n';
    const compose = (password: string) =>
      'services:\n  kestra:\n    image: kestra/kestra:latest\n' +
      '    command: server standalone -c /app/confs/application.yml\n' +
      '    volumes:\n      - ./config/application.yml:/app/confs/application.yml:ro\n' +
      `    environment:\n      MICRONAUT_SSL_KEY_STORE_PASSWORD: ${password}\n` +
      '  executor:\n    image: kestra/kestra:latest\n' +
      '    command: server executor -c /app/confs/application.yml\n' +
      '    volumes:\n      - ./config/application.yml:/app/confs/application.yml:ro\n';
    const files = { 'docker-compose.yml': compose('secret'), 'config/application.yml': config };
    const workspace = workspaceOf(files);
    const hints = (relative: string) => findings(workspace, relative, 'plaintext-secret');
    assert.equal(hints('config/application.yml').length, 1, 'two services read one file');
    assert.equal(hints('docker-compose.yml').length, 1);

    workspace.setFile(uriOf('docker-compose.yml'), compose(VARIABLE));
    assert.deepEqual(hints('docker-compose.yml'), []);
    assert.equal(hints('config/application.yml').length, 1);
    assertAsFresh(workspace, { ...files, 'docker-compose.yml': compose(VARIABLE) });
  });
});
