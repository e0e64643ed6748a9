import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import { Workspace } from '../../../server/src/engine/index';
import {
  codes,
  composeWithStores,
  coveredText,
  deepOnly,
  deepWorkspace,
  PASSWORD,
  type TempFolder,
  tempFolder,
  writeGeneratedSet,
} from './support';

describe('deep checks on a set made by the project generator', () => {
  let folder: TempFolder;

  before(async () => {
    folder = tempFolder('generated');
    await writeGeneratedSet(path.join(folder.root, 'certs'));
  });
  after(() => folder.remove());

  const compose = composeWithStores({
    keystore: 'file:/app/ssl/keystore.p12',
    keystoreType: 'PKCS12',
    keystorePassword: PASSWORD,
    truststore: 'file:/app/ssl/truststore.jks',
    truststoreType: 'JKS',
    truststorePassword: PASSWORD,
    extra: 'kestra:\n  url: https://localhost:8443/',
  });

  it('finds nothing in the keystore and the JKS truststore', () => {
    const deep = deepWorkspace(folder.root);
    deep.set('docker-compose.yml', compose);
    assert.deepEqual(codes(deep.deep('docker-compose.yml')), []);
    assert.equal(deep.opens(), 2, 'both stores were opened');
  });

  it('finds nothing with the PKCS#12 truststore either', () => {
    const deep = deepWorkspace(folder.root);
    deep.set(
      'docker-compose.yml',
      compose.replace('truststore.jks', 'truststore.p12').replace('type: JKS', 'type: PKCS12'),
    );
    assert.deepEqual(codes(deep.deep('docker-compose.yml')), []);
    assert.equal(deep.opens(), 2);
  });

  it('is part of the engine: the default rules open the stores and report nothing of them', () => {
    const workspace = new Workspace({ folders: [folder.root] });
    const uri = URI.file(path.join(folder.root, 'docker-compose.yml')).toString();
    workspace.setFile(uri, compose.replaceAll(`"${PASSWORD}"`, '"wrong-password"'));
    assert.deepEqual(workspace.failures(uri), []);
    const found = deepOnly(workspace.diagnose(uri));
    // The wrong password shows that the default rules did open both stores.
    assert.deepEqual(codes(found), ['store-password error', 'store-password error']);
    workspace.setFile(uri, compose);
    assert.deepEqual(codes(deepOnly(workspace.diagnose(uri))), []);
  });

  it('reports at the store path, in the file where it is written', () => {
    const deep = deepWorkspace(folder.root);
    const text = compose.replaceAll(`"${PASSWORD}"`, '"wrong-password"');
    deep.set('docker-compose.yml', text);
    const found = deep.deep('docker-compose.yml');
    assert.deepEqual(
      found.map((diagnostic) => coveredText(text, diagnostic)),
      ['file:/app/ssl/keystore.p12', 'file:/app/ssl/truststore.jks'],
    );
    assert.equal(found[0]?.data?.store, 'micronaut.server.ssl.key-store');
    assert.equal(found[1]?.data?.store, 'micronaut.server.ssl.trust-store');
  });
});
