/** One YAML document of a file, with its text and where that text starts in the file. */
export interface DocumentSlice {
  text: string;
  offset: number;
}

const MARKER = /^(---|\.\.\.)(?=[ \t\r\n]|$)/;

/**
 * Splits a file into its YAML documents by their `---` and `...` markers. A marker at the
 * start of a line always ends a document in YAML, even inside a block scalar, so the split
 * is exact and lets each document be parsed and cached on its own: an edit in one
 * document of a long Kubernetes file re-parses that document only.
 */
export function splitDocuments(text: string): DocumentSlice[] {
  const slices: DocumentSlice[] = [];
  let start = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const lineBreak = text.indexOf('\n', lineStart);
    const lineEnd = lineBreak === -1 ? text.length : lineBreak + 1;
    if (lineStart > start && MARKER.test(text.slice(lineStart, lineStart + 4))) {
      slices.push({ text: text.slice(start, lineStart), offset: start });
      start = lineStart;
    }
    if (lineBreak === -1) {
      break;
    }
    lineStart = lineEnd;
  }
  slices.push({ text: text.slice(start), offset: start });
  return slices;
}
