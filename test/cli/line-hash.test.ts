import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lineHashes } from '../../server/src/cli/report/line-hash';

// Expected values published with GitHub's own implementation of the line hash, so the
// fingerprints written here match those GitHub computes for the same lines.
describe('primaryLocationLineHash', () => {
  test('hashes an empty text as one line', () => {
    assert.deepEqual(lineHashes(''), ['c129715d7a2bc9a3:1']);
  });

  test('ignores spaces and tabs', () => {
    assert.deepEqual(lineHashes(' a\nb\n  \t\tc\n d'), [
      '271789c17abda88f:1',
      '54703d4cd895b18:1',
      '180aee12dab6264:1',
      'a23a3dc5e078b07b:1',
    ]);
  });

  test('reads LF, CR and CRLF line endings alike', () => {
    const expected = [
      'e9496ae3ebfced30:1',
      'fb7c023a8b9ccb3f:1',
      'ce8ba1a563dcdaca:1',
      'e20e36e16fcb0cc8:1',
      'b3edc88f2938467e:1',
      'c8e28b0b4002a3a0:1',
      'c129715d7a2bc9a3:1',
    ];
    assert.deepEqual(lineHashes(' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n'), expected);
    assert.deepEqual(lineHashes(' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r'), expected);
    assert.deepEqual(
      lineHashes(' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n'),
      expected,
    );
  });

  test('numbers identical windows so repeated lines stay apart', () => {
    assert.deepEqual(lineHashes('Lorem ipsum dolor sit amet.\n'.repeat(10)), [
      'a7f2ff13bc495cf2:1',
      'a7f2ff13bc495cf2:2',
      'a7f2ff13bc495cf2:3',
      'a7f2ff13bc495cf2:4',
      'a7f2ff13bc495cf2:5',
      'a7f2ff13bc495cf2:6',
      'a7f2ff1481e87703:1',
      'a9cf91f7bbf1862b:1',
      '55ec222b86bcae53:1',
      'cc97dc7b1d7d8f7b:1',
      'c129715d7a2bc9a3:1',
    ]);
  });
});
