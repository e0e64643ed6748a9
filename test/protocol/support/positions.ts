import type { Range } from 'vscode-languageserver-protocol';

/** The range of the first `word` on the first line that, trimmed, starts with `linePrefix`. */
export function rangeOf(text: string, linePrefix: string, word: string): Range {
  const lines = text.split('\n');
  const line = lines.findIndex((candidate) => candidate.trimStart().startsWith(linePrefix));
  if (line === -1) {
    throw new Error(`No line starts with ${JSON.stringify(linePrefix)}.`);
  }
  const character = lines[line]?.indexOf(word) ?? -1;
  return {
    start: { line, character },
    end: { line, character: character + word.length },
  };
}

/** The whole of lines `first` to `last`, line breaks included: what deleting them replaces. */
export function linesRange(first: number, last: number): Range {
  return { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } };
}

/** The empty range at the start of `line`: where an inserted line goes. */
export function lineStart(line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}
