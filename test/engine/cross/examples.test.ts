import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeFileSystem, repositoryFile, summary, uriOf, workspaceOf } from './support';

const CORRECTED = 'test/engine/cross/fixtures/examples-corrected';

describe("the guide's examples", () => {
  const files = {
    'compose/docker-compose.yml': repositoryFile('examples/compose/docker-compose.yml'),
    'kubernetes/kestra-ssl.yaml': repositoryFile('examples/kubernetes/kestra-ssl.yaml'),
  };
  const workspace = workspaceOf(files);

  it('reports the Ingress that sends HTTPS to Service port 80, which the Service lacks', () => {
    const [finding, ...rest] = workspace
      .diagnose(uriOf('kubernetes/kestra-ssl.yaml'))
      .filter((diagnostic) => diagnostic.code === 'port-not-listening');
    assert.equal(rest.length, 0);
    assert.equal(finding?.data?.port, 80);
    assert.equal(finding?.data?.service, 'kestra-service');
    assert.equal(finding?.data?.replacement, 8443);
    assert.match(finding?.message ?? '', /sends HTTPS to port 80 of Service `kestra-service`/);
  });

  it("hints that the JVM truststore, the server's own, replaces cacerts", () => {
    const codes = summary(workspace, ['compose/docker-compose.yml']);
    assert.ok(codes.some((line) => line.endsWith(' java-truststore')));
  });

  it('reports the misplaced ports and hints at every literal password', () => {
    const lines = summary(workspace, Object.keys(files));
    assert.ok(lines.includes('compose/docker-compose.yml:68 misplaced-property'));
    const secrets = lines.filter((line) => line.endsWith(' plaintext-secret'));
    // Keystore, truststore, database, basic auth and JVM truststore passwords in compose, and
    // the keystore password of the Kubernetes manifest.
    assert.equal(secrets.length, 6);
  });

  it('says nothing about the absolute host folder /app/ssl, outside the workspace', () => {
    const lines = summary(workspace, Object.keys(files));
    assert.ok(!lines.some((line) => line.includes('store-file-missing')));
    assert.ok(!lines.some((line) => line.includes('store-not-mounted')));
  });
});

describe("the guide's examples, corrected", () => {
  it('are clean: no finding of any rule', () => {
    const files = {
      'compose/docker-compose.yml': repositoryFile(`${CORRECTED}/compose/docker-compose.yml`),
      'kubernetes/kestra-ssl.yaml': repositoryFile(`${CORRECTED}/kubernetes/kestra-ssl.yaml`),
    };
    const disk = new FakeFileSystem([
      'compose/ssl/server.p12',
      'compose/ssl/truststore.p12',
      'compose/ssl/outbound-truststore.p12',
    ]);
    const workspace = workspaceOf(files, disk);
    assert.deepEqual(summary(workspace, Object.keys(files)), []);
    for (const uri of Object.keys(files).map(uriOf)) {
      assert.deepEqual(workspace.failures(uri), []);
    }
  });
});
