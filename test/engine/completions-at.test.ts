import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Workspace } from '../../server/src/engine/index';
import { URI } from './support';

/** The completions where `‸` stands in `marked`, which is removed from the text. */
function completionsAt(marked: string, held?: string) {
  const at = marked.indexOf('‸');
  assert.ok(at >= 0, 'the text marks the cursor with ‸');
  const text = marked.slice(0, at) + marked.slice(at + 1);
  const workspace = new Workspace();
  workspace.setFile(URI, held ?? text);
  const found = workspace.completionsAt(URI, text, at);
  return found && { ...found, keys: found.items.map((item) => item.key), text };
}

const compose = (configuration: string) =>
  'services:\n  kestra:\n    image: kestra/kestra:latest\n    environment:\n' +
  `      KESTRA_CONFIGURATION: |\n${configuration}`;

describe('the properties that may be written at a place', () => {
  test('offers the keys of the mapping above the cursor, inside KESTRA_CONFIGURATION', () => {
    const found = completionsAt(
      compose(
        '        micronaut:\n          server:\n            ssl:\n              enabled: true\n' +
          '              k‸\n',
      ),
    );

    assert.ok(found);
    assert.ok(found.keys.includes('key-store'), String(found.keys));
    assert.ok(found.keys.includes('port'));
    assert.ok(!found.keys.includes('enabled'), 'a key already written is left out');
    assert.equal(found.text.slice(found.replace.start, found.replace.end), 'k');
    const keyStore = found.items.find((item) => item.key === 'key-store');
    assert.equal(keyStore?.path, 'micronaut.server.ssl.key-store');
    assert.equal(keyStore?.type, 'object');
    assert.ok(keyStore?.description);
  });

  test('offers the top sections at the first level, and after dotted keys their children', () => {
    const top = completionsAt(
      compose('        micronaut:\n          server.port: 8080\n        ‸'),
    );
    const dotted = completionsAt(compose('        micronaut.server.ssl:\n          ‸\n'));

    assert.ok(top?.keys.includes('kestra'), String(top?.keys));
    assert.ok(top?.keys.includes('datasources'));
    assert.ok(!top?.keys.includes('micronaut'), 'micronaut is written already');
    assert.ok(dotted?.keys.includes('client-authentication'), String(dotted?.keys));
  });

  test('works in a configuration file, and while the text is newer than the one held', () => {
    const marked = 'micronaut:\n  server:\n    ssl:\n      enabled: true\n    ‸\n';
    const found = completionsAt(marked, 'micronaut:\n  server:\n    port: 8080\n');

    assert.ok(found?.keys.includes('dual-protocol'), String(found?.keys));
    assert.ok(found?.keys.includes('port'), 'the held text, where port is written, is not read');
  });

  test('marks deprecated properties', () => {
    const found = completionsAt(compose('        micronaut:\n          ssl:\n            ‸\n'));

    assert.equal(found?.items.find((item) => item.key === 'port')?.deprecated, true);
  });

  test('offers nothing on a value, in a list, outside the configuration or in a string', () => {
    assert.equal(
      completionsAt(compose('        micronaut:\n          server:\n            port: 8‸')),
      undefined,
    );
    assert.equal(
      completionsAt(compose('        kestra:\n          ports:\n            - ‸\n')),
      undefined,
    );
    assert.equal(completionsAt(compose('        micronaut:\n    ‸')), undefined);
    assert.equal(
      completionsAt('services:\n  kestra:\n    image: kestra/kestra:latest\n    ‸'),
      undefined,
    );
    const quoted =
      'services:\n  kestra:\n    image: kestra/kestra:latest\n    environment:\n' +
      '      KESTRA_CONFIGURATION: "micronaut: {server: {‸}}"\n';
    assert.equal(completionsAt(quoted), undefined);
  });
});
