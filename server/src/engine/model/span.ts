/** A half-open span of offsets into the text of the file the user edits. */
export interface Span {
  start: number;
  end: number;
}

/** Moves a span by a number of characters, as when a document starts further down a file. */
export function shiftSpan(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

/** Whether a value of a finding's `data` is a span, as quick fixes put them there. */
export function isSpan(value: unknown): value is Span {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Span).start === 'number' &&
    typeof (value as Span).end === 'number'
  );
}

/**
 * Applies `move` to the spans of a finding's data, kept under keys ending in `Span`, so
 * that what a quick fix needs moves with the finding.
 */
export function mapDataSpans(
  data: Record<string, unknown>,
  move: (span: Span) => Span,
): Record<string, unknown> {
  const mapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    mapped[key] = key.endsWith('Span') && isSpan(value) ? move(value) : value;
  }
  return mapped;
}
