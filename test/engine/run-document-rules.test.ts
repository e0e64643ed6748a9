import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConfigEntry } from '../../server/src/engine/config/entries';
import type { DocumentRule } from '../../server/src/engine/rules/rule';
import { runDocumentRules } from '../../server/src/engine/run-document-rules';
import { composeWithConfiguration, model, yaml } from './support';

/** A tree rule that keeps the key listings it was given, run after run. */
function listingRule(code: string): DocumentRule & { listings: (readonly ConfigEntry[])[] } {
  const listings: (readonly ConfigEntry[])[] = [];
  return {
    rules: [{ code, defaultSeverity: 'hint', summary: 'Keeps what it is given.' }],
    listings,
    checkTree(_tree, context) {
      listings.push(context.entries());
      return [];
    },
  };
}

describe('runDocumentRules', () => {
  test('the tree rules of one run share one listing of the keys', () => {
    const config = yaml`
      micronaut:
        server.ssl:
          port: 8443
    `;
    const first = listingRule('first');
    const second = listingRule('second');
    runDocumentRules(model(config), [first, second]);
    const [listing] = first.listings;
    assert.ok(listing);
    assert.equal(second.listings[0], listing);
    assert.deepEqual(
      listing.map((entry) => [entry.path.join('.'), entry.written, entry.parent?.key]),
      [
        ['micronaut', ['micronaut'], undefined],
        ['micronaut.server.ssl', ['server', 'ssl'], 'micronaut'],
        ['micronaut.server.ssl.port', ['port'], 'server.ssl'],
      ],
    );
  });

  test('each run lists the keys again, since an edit may move the nodes of a tree', () => {
    const document = model('micronaut:\n  server:\n    port: 8080\n');
    const rule = listingRule('listing');
    runDocumentRules(document, [rule]);
    runDocumentRules(document, [rule]);
    assert.equal(rule.listings.length, 2);
    assert.notEqual(rule.listings[0], rule.listings[1]);
  });

  test('an embedded configuration is listed in its own offsets', () => {
    const text = composeWithConfiguration('micronaut:\n  server:\n    port: 8080\n');
    const rule = listingRule('listing');
    runDocumentRules(model(text), [rule]);
    const port = rule.listings[0]?.find((entry) => entry.key === 'port');
    assert.deepEqual(port?.keySpan, { start: 25, end: 29 });
  });
});
