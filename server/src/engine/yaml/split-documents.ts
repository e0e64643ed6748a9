/** One YAML document of a file, with its text and where that text starts in the file. */
export interface DocumentSlice {
  text: string;
  offset: number;
}

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
    if (isMarker(text, lineStart, '---') && lineStart > start && !prologueOnly) {
      slices.push({ text: text.slice(start, lineStart), offset: start });
      start = lineStart;
    }
    if (isMarker(text, lineStart, '...')) {
      slices.push({ text: text.slice(start, lineEnd), offset: start });
      start = lineEnd;
      prologueOnly = true;
    } else {
      // Only the lines before a document's first content need a closer look.
      prologueOnly = prologueOnly && PROLOGUE_LINE.test(text.slice(lineStart, lineEnd));
    }
    lineStart = lineEnd;
  }
  if (start < text.length || slices.length === 0) {
    slices.push({ text: text.slice(start), offset: start });
  }
  return slices;
}

/** A `---` or `...` marker at `at`, followed by a blank, a line break or the end. */
function isMarker(text: string, at: number, marker: '---' | '...'): boolean {
  if (!text.startsWith(marker, at)) {
    return false;
  }
  const next = text.charCodeAt(at + 3);
  // NaN past the end; then space, tab, CR and LF.
  return Number.isNaN(next) || next === 32 || next === 9 || next === 13 || next === 10;
}
