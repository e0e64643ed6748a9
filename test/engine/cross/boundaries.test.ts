import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type DeploymentMount,
  mountFor,
  projectedKey,
} from '../../../server/src/engine/deployment/mounts';
import { Workspace } from '../../../server/src/engine/index';
import type { Mount } from '../../../server/src/engine/model/workload';
import type { WorkspaceRule } from '../../../server/src/engine/rules/cross/index';
import { plaintextSecretRule } from '../../../server/src/engine/rules/cross/plaintext-secret';
import { ingressManifest, kubernetesManifest } from './manifests';
import { composeFile, findings, summary, uriOf, workspaceOf } from './support';

function mount(target: string, extra: Partial<Mount> = {}): DeploymentMount {
  return {
    mount: {
      kind: 'secret',
      target,
      source: 'kestra-ssl',
      subPath: undefined,
      items: undefined,
      span: { start: 0, end: 0 },
      ...extra,
    },
    at: { uri: 'file:///k8s.yaml', offset: 0, text: '' },
    hostPath: undefined,
  };
}

describe('mounts', () => {
  it('resolves a path through the mount with the longest target', () => {
    const mounts = [mount('/app'), mount('/app/ssl'), mount('/app/ssl-old')];
    const found = mountFor(mounts, 'file:/app/ssl/keystore.p12'.slice('file:'.length));
    assert.equal(found?.mount.mount.target, '/app/ssl');
    assert.equal(found?.rest, 'keystore.p12');
    assert.equal(mountFor(mounts, 'confs/application.yml')?.rest, 'confs/application.yml');
    assert.equal(mountFor([mount('/app/ssl')], '/app/ssl-other/keystore.p12'), undefined);
  });

  it('finds the key a subPath or an item projects', () => {
    const single = mount('/app/ssl/keystore.p12', { subPath: 'server.p12' });
    assert.equal(projectedKey(mountFor([single], '/app/ssl/keystore.p12')!), 'server.p12');
    const items = mount('/app/ssl', { items: new Map([['tls.p12', 'keystore.p12']]) });
    assert.equal(projectedKey(mountFor([items], '/app/ssl/keystore.p12')!), 'tls.p12');
    assert.equal(projectedKey(mountFor([items], '/app/ssl/truststore.p12')!), undefined);
  });
});

describe('the workspace around the cross-checks', () => {
  it('isolates a failing workspace rule and keeps the others’ findings', () => {
    const broken: WorkspaceRule = {
      rules: [{ code: 'broken-rule', defaultSeverity: 'error', summary: 'Fails.' }],
      check() {
        throw new Error('this rule is broken');
      },
    };
    const workspace = new Workspace({ workspaceRules: [broken, plaintextSecretRule] });
    const uri = uriOf('docker-compose.yml');
    workspace.setFile(uri, composeFile('datasources:\n  postgres:\n    password: changeme'));
    assert.deepEqual(
      workspace.diagnose(uri).map((diagnostic) => diagnostic.code),
      ['plaintext-secret'],
    );
    assert.match(workspace.failures(uri).join('\n'), /broken-rule: Error: this rule is broken/);
  });

  it('applies user severities to workspace findings and drops those turned off', () => {
    const workspace = workspaceOf({
      'docker-compose.yml': composeFile('datasources:\n  postgres:\n    password: changeme'),
    });
    const uri = uriOf('docker-compose.yml');
    assert.equal(
      workspace.diagnose(uri, { 'plaintext-secret': 'warning' })[0]?.severity,
      'warning',
    );
    assert.deepEqual(workspace.diagnose(uri, { 'plaintext-secret': 'off' }), []);
  });

  it('leaves the Ingresses and Services of other applications alone', () => {
    const other = ingressManifest(80)
      .replaceAll('kestra.example.com', 'shop.example.com')
      .replaceAll('kestra', 'shop');
    const workspace = workspaceOf({
      'k8s/kestra.yaml': kubernetesManifest('targetPort: https'),
      'k8s/shop-ingress.yaml': other,
    });
    assert.deepEqual(summary(workspace, ['k8s/shop-ingress.yaml']), []);
  });

  it('reports a probe on the HTTP port that SSL closed', () => {
    const manifest = kubernetesManifest('targetPort: https').replace(
      '          env:\n',
      '          livenessProbe:\n            httpGet:\n              path: /health\n' +
        '              port: 8080\n          env:\n',
    );
    const workspace = workspaceOf({ 'k8s/kestra.yaml': manifest });
    const [finding] = findings(workspace, 'k8s/kestra.yaml', 'port-not-listening');
    assert.equal(finding?.data?.port, 8080);
    assert.equal(finding?.data?.replacement, 8443);
  });
});
