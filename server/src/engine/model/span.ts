/** A half-open span of offsets into the text of the file the user edits. */
export interface Span {
  start: number;
  end: number;
}

/** Moves a span by a number of characters, as when a document starts further down a file. */
export function shiftSpan(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}
