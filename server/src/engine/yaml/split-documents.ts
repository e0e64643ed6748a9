/** One YAML document of a file, with its text and where that text starts in the file. */
export interface DocumentSlice {
  text: string;
  offset: number;
}

const START_MARKER = /^---(?=[ \t\r\n]|$)/;
const END_MARKER = /^\.\.\.(?=[ \t\r\n]|$)/;

/** Lines that may stand before a document's `---` and belong to it. */
const PROLOGUE_LINE = /^(%.*|[ \t]*(#.*)?)\r?\n?$/;

/**
 * Splits a file into its YAML documents by their `---` and `...` markers. A marker at the
 * start of a line always ends a document in YAML, even inside a block scalar, so the split
 * is exact and lets each document be parsed and cached on its own: an edit in one
 * document of a long Kubernetes file re-parses that document only. A `...` line ends the
 * document it closes; directives and comments before a `---` stay with the document they
 * introduce, so that `%YAML` and `%TAG` still apply to it.
 */
export function splitDocuments(text: string): DocumentSlice[] {
  const slices: DocumentSlice[] = [];
  let start = 0;
  let lineStart = 0;
  let prologueOnly = true;
  while (lineStart < text.length) {
    const lineBreak = text.indexOf('\n', lineStart);
    const lineEnd = lineBreak === -1 ? text.length : lineBreak + 1;
    const line = text.slice(lineStart, lineEnd);
    if (START_MARKER.test(line) && lineStart > start && !prologueOnly) {
      slices.push({ text: text.slice(start, lineStart), offset: start });
      start = lineStart;
    }
    if (END_MARKER.test(line)) {
      slices.push({ text: text.slice(start, lineEnd), offset: start });
      start = lineEnd;
      prologueOnly = true;
    } else {
      prologueOnly = prologueOnly && PROLOGUE_LINE.test(line);
    }
    lineStart = lineEnd;
  }
  if (start < text.length || slices.length === 0) {
    slices.push({ text: text.slice(start), offset: start });
  }
  return slices;
}
