import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { textChange } from '../../server/src/engine/yaml/reparse-entry';

/** The changed region found one character at a time, as the definition says. */
function naiveChange(oldText: string, newText: string) {
  let start = 0;
  while (start < Math.min(oldText.length, newText.length) && oldText[start] === newText[start]) {
    start++;
  }
  let suffix = 0;
  while (
    suffix < Math.min(oldText.length, newText.length) - start &&
    oldText[oldText.length - 1 - suffix] === newText[newText.length - 1 - suffix]
  ) {
    suffix++;
  }
  return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

test('the changed region is exact wherever the edit falls, chunk boundaries included', () => {
  const text = Array.from({ length: 1300 }, (_, index) =>
    String.fromCharCode(97 + (index % 7)),
  ).join('');
  for (const at of [0, 1, 255, 256, 257, 511, 512, 640, 1043, 1044, 1299, 1300]) {
    for (const [remove, insert] of [
      [0, 'x'],
      [1, ''],
      [3, 'yz'],
      [0, 'a'],
    ] as const) {
      const edited = text.slice(0, at) + insert + text.slice(at + remove);
      const expected = edited === text ? undefined : naiveChange(text, edited);
      assert.deepEqual(textChange(text, edited), expected, `at ${at}: -${remove} +${insert}`);
    }
  }
});
