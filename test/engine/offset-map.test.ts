import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isScalar, parseDocument, type Scalar, visit } from 'yaml';
import { OffsetMap } from '../../server/src/engine/text/offset-map';
import { crlf, lines } from './support';

/** The scalar value of the first pair whose key is `key`, anywhere in the text. */
function scalarOf(text: string, key: string): Scalar {
  const document = parseDocument(text);
  assert.deepEqual(document.errors, [], 'the fixture is valid YAML');
  let found: Scalar | undefined;
  visit(document, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === key && isScalar(pair.value)) {
        found = pair.value;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  assert.ok(found, `the fixture has a scalar under ${key}`);
  return found;
}

/** The host text that a part of the decoded value maps to. */
function hostTextOf(text: string, scalar: Scalar, part: string, occurrence = 1): string {
  const value = String(scalar.value);
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = value.indexOf(part, at + 1);
  }
  assert.notEqual(at, -1, `the value holds ${JSON.stringify(part)}`);
  const span = OffsetMap.forScalar(text, scalar).spanToHost(at, at + part.length);
  return text.slice(span.start, span.end);
}

/**
 * Every character of the value that the source spells as itself (not a blank made by
 * folding, not an escape) must map to that very character in the host text.
 */
function assertVerbatimCharactersMap(text: string, scalar: Scalar, escapes: RegExp = /$^/): void {
  const value = String(scalar.value);
  const map = OffsetMap.forScalar(text, scalar);
  let checked = 0;
  for (let v = 0; v < value.length; v++) {
    const c = value[v] as string;
    if (/\s/.test(c) || escapes.test(c)) {
      continue;
    }
    const host = map.toHost(v);
    assert.equal(text[host], c, `value character ${v} (${c}) maps to host offset ${host}`);
    checked++;
  }
  assert.ok(checked > 0, 'the value has characters to check');
}

describe('OffsetMap for block scalars', () => {
  const literal =
    'env:\n  KESTRA_CONFIGURATION: |\n    micronaut:\n      server:\n        port: 8443\n';

  test('literal: keys and values of the embedded text map to their host characters', () => {
    const scalar = scalarOf(literal, 'KESTRA_CONFIGURATION');
    assert.equal(hostTextOf(literal, scalar, 'server'), 'server');
    // 'env:\n' (5) + '  KESTRA_CONFIGURATION: |\n' (26) + '    micronaut:\n' (15) + 6 blanks.
    const map = OffsetMap.forScalar(literal, scalar);
    const serverAt = String(scalar.value).indexOf('server');
    assert.deepEqual(map.spanToHost(serverAt, serverAt + 6), { start: 52, end: 58 });
    assertVerbatimCharactersMap(literal, scalar);
  });

  test('literal with CRLF line endings maps every line, and a line break to the CR', () => {
    const text = crlf(literal);
    const scalar = scalarOf(text, 'KESTRA_CONFIGURATION');
    assert.equal(hostTextOf(text, scalar, 'port: 8443'), 'port: 8443');
    assertVerbatimCharactersMap(text, scalar);
    const map = OffsetMap.forScalar(text, scalar);
    const firstBreak = String(scalar.value).indexOf('\n');
    assert.equal(text.slice(map.toHost(firstBreak), map.toHost(firstBreak) + 2), '\r\n');
  });

  for (const header of ['|-', '|+', '>', '>-', '>+', '|2', '|4-', '>2+', '| # a comment']) {
    test(`header ${header} keeps every key at its place`, () => {
      const indent = /\d/.exec(header)?.[0];
      // An indentation indicator fixes the block's indentation below its parent's.
      const body = indent === '4' ? '      ' : indent === '2' ? '    ' : '    ';
      const text =
        lines('a:', `  config: ${header}`, `${body}micronaut:`, `${body}  server:`) +
        lines(`${body}    port: 1`, '', '', 'b: 2');
      const scalar = scalarOf(text, 'config');
      assert.equal(hostTextOf(text, scalar, 'server'), 'server');
      assert.equal(hostTextOf(text, scalar, 'port'), 'port');
      assertVerbatimCharactersMap(text, scalar);
    });
  }

  test('an explicit indentation indicator keeps the extra indentation in the value', () => {
    const text = 'a: |2\n    more: 1\n  less: 2\n';
    const scalar = scalarOf(text, 'a');
    assert.equal(scalar.value, '  more: 1\nless: 2\n');
    assert.equal(hostTextOf(text, scalar, 'more'), 'more');
    assert.equal(hostTextOf(text, scalar, 'less'), 'less');
    const map = OffsetMap.forScalar(text, scalar);
    // The kept indentation is made of real blanks of the source.
    assert.equal(text[map.toHost(0)], ' ');
    assert.equal(map.toHost(2), text.indexOf('more'));
  });

  test('folded: more-indented lines, blank lines and folded line breaks', () => {
    const text = 'a: >\n  one two\n  three\n\n  four\n    more indented\n\n    again\n  back\n';
    const scalar = scalarOf(text, 'a');
    assert.equal(scalar.value, 'one two three\nfour\n  more indented\n\n  again\nback\n');
    for (const word of ['one', 'three', 'four', 'more indented', 'again', 'back']) {
      assert.equal(hostTextOf(text, scalar, word), word);
    }
    assertVerbatimCharactersMap(text, scalar);
    // The space that folding makes of a line break stands on a blank between the two words.
    const map = OffsetMap.forScalar(text, scalar);
    const folded = map.toHost(String(scalar.value).indexOf(' three'));
    assert.ok(folded > text.indexOf('two') && folded < text.indexOf('three'));
    assert.match(text[folded] as string, /\s/);
  });

  test('folded with CRLF line endings', () => {
    const text = crlf('a: >-\n  one\n  two\n\n    deeper\n  last\n');
    const scalar = scalarOf(text, 'a');
    assert.equal(scalar.value, 'one two\n\n  deeper\nlast');
    for (const word of ['one', 'two', 'deeper', 'last']) {
      assert.equal(hostTextOf(text, scalar, word), word);
    }
    assertVerbatimCharactersMap(text, scalar);
  });

  test('leading blank lines and lines of blanks only', () => {
    const text = 'a: |\n\n  x: 1\n   \n  y: 2\n';
    const scalar = scalarOf(text, 'a');
    assert.equal(scalar.value, '\nx: 1\n \ny: 2\n');
    assert.equal(hostTextOf(text, scalar, 'y: 2'), 'y: 2');
    assertVerbatimCharactersMap(text, scalar);
  });

  test('keep chomping maps the kept trailing line breaks inside the scalar', () => {
    const text = 'a: |+\n  x: 1\n\n\nb: 1\n';
    const scalar = scalarOf(text, 'a');
    assert.equal(scalar.value, 'x: 1\n\n\n');
    const map = OffsetMap.forScalar(text, scalar);
    const end = map.toHost(String(scalar.value).length - 1);
    assert.ok(end < text.indexOf('b: 1'), 'the last kept line break is before the next key');
  });
});

describe('OffsetMap for flow scalars', () => {
  test('double-quoted: escapes map to their backslash, the rest verbatim', () => {
    const text = 'a: "x: 1\\ny: \\"q\\"\\tz \\u00e9 \\x41 end"\n';
    const scalar = scalarOf(text, 'a');
    assert.equal(scalar.value, 'x: 1\ny: "q"\tz é A end');
    const map = OffsetMap.forScalar(text, scalar);
    const value = String(scalar.value);
    for (const [char, source] of [
      ['\n', '\\n'],
      ['"', '\\"'],
      ['\t', '\\t'],
      ['é', '\\u00e9'],
      ['A', '\\x41'],
    ] as const) {
      const at = map.toHost(value.indexOf(char));
      assert.equal(text.slice(at, at + source.length), source, `${source} maps to its escape`);
    }
    assert.equal(hostTextOf(text, scalar, 'y'), 'y');
    assert.equal(hostTextOf(text, scalar, 'end'), 'end');
    assertVerbatimCharactersMap(text, scalar, /["é A]/);
  });

  test('double-quoted: a span ending on an escape covers the whole escape', () => {
    const text = 'a: "caf\\u00e9: 1"\n';
    const scalar = scalarOf(text, 'a');
    assert.equal(hostTextOf(text, scalar, 'café'), 'caf\\u00e9');
  });

  test('double-quoted: an astral escape keeps the rest of the value in place', () => {
    const text = 'a: "\\U0001F600 x: 1 tail"\n';
    const scalar = scalarOf(text, 'a');
    assert.equal(scalar.value, '😀 x: 1 tail');
    assert.equal(hostTextOf(text, scalar, 'tail'), 'tail');
    assert.equal(hostTextOf(text, scalar, '😀'), '\\U0001F600');
  });

  test('double-quoted: escaped line breaks produce nothing and do not shift the map', () => {
    const text = 'a: "micronaut:\\n  server:\\n    port: 84\\\n  43\\n"\n';
    const scalar = scalarOf(text, 'a');
    assert.equal(scalar.value, 'micronaut:\n  server:\n    port: 8443\n');
    assert.equal(hostTextOf(text, scalar, 'server'), 'server');
    const map = OffsetMap.forScalar(text, scalar);
    const four = String(scalar.value).indexOf('43');
    assert.equal(map.toHost(four), text.indexOf('43'));
    assert.equal(hostTextOf(text, scalar, '84'), '84');
  });

  test('double-quoted: escaped line break with CRLF and an escaped leading space', () => {
    const text = 'a: "one\\\r\n   \\ two"\r\n';
    const scalar = scalarOf(text, 'a');
    assert.equal(scalar.value, 'one two');
    assert.equal(hostTextOf(text, scalar, 'two'), 'two');
  });

  test('double-quoted over several lines folds line breaks and trims blanks', () => {
    const text = 'a: "one   \n   two\n\n   three"\n';
    const scalar = scalarOf(text, 'a');
    assert.equal(scalar.value, 'one two\nthree');
    for (const word of ['one', 'two', 'three']) {
      assert.equal(hostTextOf(text, scalar, word), word);
    }
  });

  test("single-quoted: a doubled quote '' maps to both characters", () => {
    const text = "a: 'it''s x: 1\n  next ''y'''\n";
    const scalar = scalarOf(text, 'a');
    assert.equal(scalar.value, "it's x: 1 next 'y'");
    assert.equal(hostTextOf(text, scalar, "it's"), "it''s");
    assert.equal(hostTextOf(text, scalar, "'y'"), "''y''");
    assert.equal(hostTextOf(text, scalar, 'next'), 'next');
    assertVerbatimCharactersMap(text, scalar);
  });

  test('plain scalar over several lines', () => {
    const text = 'a: one two\n  three\n\n  four\nb: 1\n';
    const scalar = scalarOf(text, 'a');
    assert.equal(scalar.value, 'one two three\nfour');
    for (const word of ['one', 'two', 'three', 'four']) {
      assert.equal(hostTextOf(text, scalar, word), word);
    }
    assertVerbatimCharactersMap(text, scalar);
  });

  test('an astral character before the value keeps UTF-16 offsets', () => {
    const text = 'a: "😀 x: 1"\n';
    const scalar = scalarOf(text, 'a');
    assert.equal(hostTextOf(text, scalar, 'x'), 'x');
    assert.equal(OffsetMap.forScalar(text, scalar).toHost(3), text.indexOf('x'));
  });
});

describe('OffsetMap for compose list items', () => {
  test('block item: the part after NAME= maps through a slice', () => {
    const text = 'environment:\n  - |\n    KESTRA_CONFIGURATION=micronaut:\n      server:\n';
    const document = parseDocument(text);
    const item = (document.get('environment') as { items: Scalar[] }).items[0] as Scalar;
    const value = String(item.value);
    const equals = value.indexOf('=');
    const map = OffsetMap.forScalar(text, item).slice(equals + 1);
    const embedded = value.slice(equals + 1);
    const server = embedded.indexOf('server');
    assert.equal(map.toHost(server), text.indexOf('server'));
    assert.equal(map.toHost(0), text.indexOf('micronaut'));
  });

  test('quoted item with escaped line breaks', () => {
    const text = 'environment:\n  - "KESTRA_CONFIGURATION=micronaut:\\n  server:\\n    port: 1"\n';
    const document = parseDocument(text);
    const item = (document.get('environment') as { items: Scalar[] }).items[0] as Scalar;
    const value = String(item.value);
    const equals = value.indexOf('=');
    const map = OffsetMap.forScalar(text, item).slice(equals + 1);
    const embedded = value.slice(equals + 1);
    const port = embedded.indexOf('port');
    assert.deepEqual(map.spanToHost(port, port + 4), {
      start: text.indexOf('port'),
      end: text.indexOf('port') + 4,
    });
  });
});

describe('OffsetMap edges', () => {
  test('identity maps one to one', () => {
    const map = OffsetMap.identity(10, 5);
    assert.equal(map.toHost(0), 10);
    assert.equal(map.toHost(4), 14);
    assert.equal(map.toHost(5), 15);
    assert.deepEqual(map.spanToHost(1, 3), { start: 11, end: 13 });
  });

  test('an empty span stays empty, an offset past the end maps past the last character', () => {
    const text = 'a: |\n  xy\n';
    const scalar = scalarOf(text, 'a');
    const map = OffsetMap.forScalar(text, scalar);
    assert.deepEqual(map.spanToHost(1, 1), { start: text.indexOf('y'), end: text.indexOf('y') });
    assert.ok(map.toHost(100) > text.indexOf('y'));
  });

  test('an empty scalar maps to its place', () => {
    const text = 'a: ""\n';
    const scalar = scalarOf(text, 'a');
    const map = OffsetMap.forScalar(text, scalar);
    const span = map.spanToHost(0, 0);
    assert.ok(span.start >= 3 && span.start <= 5);
  });
});
