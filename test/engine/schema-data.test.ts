import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  childPath,
  pointerStep,
  rootPath,
  segmentPath,
} from '../../server/src/engine/schema/config-data';
import { schemaAt } from '../../server/src/engine/schema/navigator';
import { treeData } from '../../server/src/engine/schema/tree-data';
import { model, yaml } from './support';

describe('data paths', () => {
  test('derive steps, pointer and schema from their parent', () => {
    const ssl = ['micronaut', 'server', 'ssl'].reduce(segmentPath, rootPath());
    const protocol = segmentPath(ssl, 'protocols[1]');
    assert.deepEqual(protocol.steps, ['micronaut', 'server', 'ssl', 'protocols', 1]);
    assert.equal(protocol.pointer, '/micronaut/server/ssl/protocols/1');
    assert.equal(protocol.view, schemaAt(protocol.steps));
    assert.equal(protocol.view?.node.type, 'string');
  });

  test('escape keys as JSON pointers do, and know nothing where nothing is modelled', () => {
    assert.equal(pointerStep('a/b~c'), 'a~1b~0c');
    assert.equal(pointerStep(3), '3');
    const open = childPath(childPath(rootPath(), 'x/y'), 'z');
    assert.equal(open.pointer, '/x~1y/z');
    assert.equal(open.view, undefined);
  });
});

describe('treeData', () => {
  test('merges dotted and nested keys, converts values and places every segment', () => {
    const tree = model(yaml`
      micronaut:
        server:
          ssl:
            enabled: "yes"
      micronaut.server.ssl.port: "8443"
      micronaut.server.ssl.protocols: [TLSv1.3]
    `).configs[0];
    assert.ok(tree);
    const data = treeData(tree);
    assert.deepEqual(data.root, {
      micronaut: { server: { ssl: { enabled: true, port: 8443, protocols: ['TLSv1.3'] } } },
    });
    const ssl = data.locations.get('/micronaut/server/ssl');
    assert.deepEqual(
      ssl?.places.map((place) => [place.key, place.explicit]),
      [
        ['ssl', true],
        ['ssl', false],
        ['ssl', false],
      ],
    );
    assert.equal(data.locations.get('/micronaut/server/ssl/port')?.view?.node.type, 'integer');
    assert.deepEqual(data.locations.get('/micronaut/server/ssl/protocols/0')?.steps, [
      'micronaut',
      'server',
      'ssl',
      'protocols',
      0,
    ]);
  });

  test('keys under a merge key keep their path, the merge key itself is no setting', () => {
    const tree = model('micronaut:\n  <<: {server: {port: 1}}\n').configs[0];
    assert.ok(tree);
    const data = treeData(tree);
    assert.equal(data.locations.has('/micronaut/<<'), false);
    assert.equal(data.locations.has('/micronaut/<</server/port'), true);
  });
});
