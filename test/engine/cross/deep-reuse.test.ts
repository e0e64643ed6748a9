import * as assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  codes,
  composeWithStores,
  deepWorkspace,
  PASSWORD,
  type StoreLines,
  type TempFolder,
  tempFolder,
  writeGeneratedSet,
} from '../stores/support';

const KEYSTORE: StoreLines = {
  keystore: 'file:/app/ssl/keystore.p12',
  keystoreType: 'PKCS12',
  keystorePassword: PASSWORD,
};

const SOON = ['cert-expiry warning', 'cert-expiry warning'];

describe('deep store checks across changes', () => {
  let folder: TempFolder;

  before(async () => {
    folder = tempFolder('reuse');
    await Promise.all([
      writeGeneratedSet(path.join(folder.root, 'good')),
      writeGeneratedSet(path.join(folder.root, 'soon'), { validityDays: 10 }),
    ]);
  });
  after(() => folder.remove());

  it('judges expiry again when the deep-validation settings change', () => {
    const deep = deepWorkspace(folder.root);
    deep.set('docker-compose.yml', composeWithStores(KEYSTORE, './soon:/app/ssl'));
    assert.deepEqual(codes(deep.deep('docker-compose.yml')), SOON);

    deep.workspace.setDeepValidation({ certificateExpiryWarningDays: 5 });
    assert.deepEqual(codes(deep.deep('docker-compose.yml')), []);
    deep.workspace.setDeepValidation({ certificateExpiryWarningDays: 30 });
    assert.deepEqual(codes(deep.deep('docker-compose.yml')), SOON);
    deep.workspace.setDeepValidation({ deepValidation: false });
    assert.deepEqual(codes(deep.deep('docker-compose.yml')), []);
  });

  it('opens the store that an edited mount points at', () => {
    const deep = deepWorkspace(folder.root);
    deep.set('docker-compose.yml', composeWithStores(KEYSTORE, './good:/app/ssl'));
    assert.deepEqual(codes(deep.deep('docker-compose.yml')), []);

    // The same configuration at the same place, with another folder mounted.
    deep.set('docker-compose.yml', composeWithStores(KEYSTORE, './soon:/app/ssl'));
    assert.deepEqual(codes(deep.deep('docker-compose.yml')), SOON);
  });

  it('opens a store that appears on disk once told the disk changed', () => {
    const deep = deepWorkspace(folder.root);
    deep.set('docker-compose.yml', composeWithStores(KEYSTORE, './later:/app/ssl'));
    assert.deepEqual(codes(deep.deep('docker-compose.yml')), []);

    cpSync(path.join(folder.root, 'soon'), path.join(folder.root, 'later'), { recursive: true });
    deep.workspace.fileSystemChanged();
    assert.deepEqual(codes(deep.deep('docker-compose.yml')), SOON);
  });
});
