import type { Span } from '../model/span';

/**
 * Where to show a YAML syntax error reported at `pos` in `text`. The parser reports an
 * unclosed quote or bracket at the very end of the text, which in a multi-document file
 * is the next document's `---` line and inside KESTRA_CONFIGURATION is past the block
 * scalar: such an error is shown on the last character the user typed instead. An error
 * that starts on indentation is shown on the first character after it.
 */
export function syntaxErrorSpan(text: string, pos: readonly number[]): Span {
  const [start = 0, end = start] = pos;
  const contentEnd = text.trimEnd().length;
  if (start >= contentEnd) {
    const last = Math.max(0, contentEnd - 1);
    return { start: last, end: Math.min(last + 1, text.length) };
  }
  let at = start;
  while (at < contentEnd && text[at] === ' ') {
    at++;
  }
  if (at !== start && text[at] !== '\n' && text[at] !== '\r') {
    return { start: at, end: Math.max(end, at + 1) };
  }
  return { start, end: Math.max(end, start + 1) };
}
