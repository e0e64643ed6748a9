import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { splitShellWords } from '../../server/src/engine/locate/shell-words';

/** Each word's text is made of the input characters its positions name. */
function assertPositionsTrue(input: string): void {
  for (const word of splitShellWords(input)) {
    assert.equal(
      word.positions.map((at) => input[at]).join(''),
      word.text,
      `positions of ${JSON.stringify(word.text)}`,
    );
  }
}

describe('splitShellWords', () => {
  test('blanks separate words', () => {
    const input = 'server  standalone\t--port 8443\n-c x.yml';
    assert.deepEqual(
      splitShellWords(input).map((word) => word.text),
      ['server', 'standalone', '--port', '8443', '-c', 'x.yml'],
    );
    assertPositionsTrue(input);
  });

  test('quotes join words and are removed', () => {
    const input = `bash -c "exec /app/kestra server 'standalone'" --name='a b'`;
    assert.deepEqual(
      splitShellWords(input).map((word) => word.text),
      ['bash', '-c', "exec /app/kestra server 'standalone'", '--name=a b'],
    );
    assertPositionsTrue(input);
  });

  test('escapes inside double quotes and outside', () => {
    const input = 'echo "a \\"b\\" \\$HOME" c\\ d';
    assert.deepEqual(
      splitShellWords(input).map((word) => word.text),
      ['echo', 'a "b" $HOME', 'c d'],
    );
    assertPositionsTrue(input);
  });

  test('a backslash before a line break continues the line', () => {
    const input = 'curl -s x && \\\n/app/kestra server standalone';
    assert.deepEqual(
      splitShellWords(input).map((word) => word.text),
      ['curl', '-s', 'x', '&&', '/app/kestra', 'server', 'standalone'],
    );
    const crlf = 'a \\\r\nb';
    assert.deepEqual(
      splitShellWords(crlf).map((word) => word.text),
      ['a', 'b'],
    );
  });

  test('the end of a word includes its closing quote', () => {
    const input = `'a b' c`;
    const [first] = splitShellWords(input);
    assert.equal(first?.end, 5);
  });

  test('an empty quoted word is a word', () => {
    assert.deepEqual(
      splitShellWords(`a '' b`).map((word) => word.text),
      ['a', '', 'b'],
    );
  });

  test('an unterminated quote runs to the end', () => {
    assert.deepEqual(
      splitShellWords(`a "b c`).map((word) => word.text),
      ['a', 'b c'],
    );
  });
});
