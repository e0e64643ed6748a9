import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex } from '../../server/src/engine/text/line-index';

describe('LineIndex', () => {
  test('LF lines', () => {
    const index = new LineIndex('ab\ncd\n');
    assert.equal(index.lineCount, 3);
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(4), { line: 1, character: 1 });
    assert.deepEqual(index.positionAt(6), { line: 2, character: 0 });
  });

  test('CRLF counts as one line break and CR stays on its line', () => {
    const index = new LineIndex('ab\r\ncd');
    assert.equal(index.lineCount, 2);
    assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(index.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(5), { line: 1, character: 1 });
  });

  test('an offset inside a CRLF is the end of its line, as LSP has no column there', () => {
    const index = new LineIndex('ab\r\ncd\r\n');
    assert.deepEqual(index.positionAt(3), { line: 0, character: 2 });
    assert.deepEqual(index.positionAt(7), { line: 1, character: 2 });
    assert.deepEqual(index.rangeOf(2, 3), {
      start: { line: 0, character: 2 },
      end: { line: 0, character: 2 },
    });
  });

  test('a lone CR is a line break, as LSP counts it', () => {
    const index = new LineIndex('ab\rcd');
    assert.deepEqual(index.positionAt(3), { line: 1, character: 0 });
  });

  test('columns count UTF-16 code units: an emoji is two', () => {
    const text = '😀 key: 1\n  é😀x';
    const index = new LineIndex(text);
    assert.deepEqual(index.positionAt(text.indexOf('key')), { line: 0, character: 3 });
    assert.deepEqual(index.positionAt(text.indexOf('x')), { line: 1, character: 5 });
  });

  test('offsets outside the text are clamped', () => {
    const index = new LineIndex('ab\ncd');
    assert.deepEqual(index.positionAt(-4), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
  });

  test('offsetAt is the inverse of positionAt and clamps to the line', () => {
    const text = 'ab\r\ncd\nef';
    const index = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      if (text[offset - 1] === '\r' && text[offset] === '\n') {
        continue;
      }
      assert.equal(index.offsetAt(index.positionAt(offset)), offset);
    }
    assert.equal(index.offsetAt({ line: 0, character: 50 }), 2);
    assert.equal(index.offsetAt({ line: 1, character: 50 }), 6);
    assert.equal(index.offsetAt({ line: 9, character: 0 }), text.length);
  });

  test('rangeOf turns a span into a range', () => {
    const index = new LineIndex('a: 1\nbb: 2\n');
    assert.deepEqual(index.rangeOf(5, 7), {
      start: { line: 1, character: 0 },
      end: { line: 1, character: 2 },
    });
  });
});
