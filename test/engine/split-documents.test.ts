import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAllDocuments, parseDocument } from 'yaml';
import { splitDocuments } from '../../server/src/engine/yaml/split-documents';
import { crlf } from './support';

/** The slices must tile the file exactly: no character lost, none counted twice. */
function assertTiles(text: string): ReturnType<typeof splitDocuments> {
  const slices = splitDocuments(text);
  let expected = 0;
  for (const slice of slices) {
    assert.equal(slice.offset, expected, 'each slice starts where the previous one ended');
    assert.equal(text.slice(slice.offset, slice.offset + slice.text.length), slice.text);
    expected += slice.text.length;
  }
  assert.equal(expected, text.length, 'the slices cover the whole file');
  return slices;
}

/** Each slice parses alone to what the YAML library reads from the whole file. */
function assertSameDocuments(text: string): void {
  const slices = assertTiles(text);
  const whole = parseAllDocuments(text);
  assert.ok(Array.isArray(whole));
  const alone = slices
    .map((slice) => parseDocument(slice.text))
    .filter((document) => document.contents !== null || document.errors.length > 0);
  assert.deepEqual(
    alone.map((document) => document.toJS()),
    whole.filter((document) => document.contents !== null).map((document) => document.toJS()),
  );
}

describe('splitDocuments', () => {
  test('one document without markers is the whole file', () => {
    const text = 'a: 1\nb: 2\n';
    assert.deepEqual(splitDocuments(text), [{ text, offset: 0 }]);
  });

  test('an empty file is one empty document', () => {
    assert.deepEqual(splitDocuments(''), [{ text: '', offset: 0 }]);
  });

  test('documents split at every --- at the start of a line', () => {
    const text = '---\na: 1\n---\nb: 2\n--- # third\nc: 3\n';
    const slices = assertTiles(text);
    assert.deepEqual(
      slices.map((slice) => slice.text),
      ['---\na: 1\n', '---\nb: 2\n', '--- # third\nc: 3\n'],
    );
    assert.deepEqual(
      slices.map((slice) => slice.offset),
      [0, 9, 18],
    );
    assertSameDocuments(text);
  });

  test('CRLF line endings', () => {
    const text = crlf('a: 1\n---\nb: 2\n');
    const slices = assertTiles(text);
    assert.deepEqual(
      slices.map((slice) => slice.text),
      ['a: 1\r\n', '---\r\nb: 2\r\n'],
    );
  });

  test('a --- not at the start of a line, or followed by more text, is not a marker', () => {
    const text = 'a: "x\n  --- y"\nb: ---\n----\n---x: 1\n';
    assert.equal(splitDocuments(text).length, 1);
  });

  test('--- ends a block scalar, as YAML reads it', () => {
    const text = 'a: |\n  x\n---\nb: 1\n';
    assert.equal(assertTiles(text).length, 2);
    assertSameDocuments(text);
  });

  test('a marker followed by content on its line', () => {
    const text = 'a: 1\n--- |\n  block\n';
    assertSameDocuments(text);
  });

  test('... ends the document it closes', () => {
    const text = 'a: 1\n...\n---\nb: 2\n...\n';
    const slices = assertTiles(text);
    assert.deepEqual(
      slices.map((slice) => slice.text),
      ['a: 1\n...\n', '---\nb: 2\n...\n'],
    );
    assertSameDocuments(text);
  });

  test('directives and comments stay with the document they introduce', () => {
    const text =
      '# header\n%YAML 1.2\n---\na: 1\n...\n%TAG !k! tag:kestra.io,2024:\n---\nb: !k!x 2\n';
    const slices = assertTiles(text);
    assert.equal(slices.length, 2);
    for (const slice of slices) {
      assert.deepEqual(parseDocument(slice.text).errors, [], JSON.stringify(slice.text));
    }
    assertSameDocuments(text);
  });

  test('comments between documents belong to the next one and do not make a document', () => {
    const text = 'a: 1\n---\n# about b\n\nb: 2\n';
    const slices = assertTiles(text);
    assert.equal(slices.length, 2);
    assertSameDocuments(text);
  });

  test('a file without a final line break', () => {
    const text = 'a: 1\n---\nb: 2';
    assert.deepEqual(
      assertTiles(text).map((slice) => slice.text),
      ['a: 1\n', '---\nb: 2'],
    );
  });

  test('a file ending with a bare marker keeps it as an empty document', () => {
    const text = 'a: 1\n---\n';
    assert.deepEqual(
      assertTiles(text).map((slice) => slice.text),
      ['a: 1\n', '---\n'],
    );
  });
});
