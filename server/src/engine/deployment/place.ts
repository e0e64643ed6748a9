import type { Span } from '../model/span';

/**
 * Where a document stands in the workspace: its file and its offset in that file. Facts
 * keep the document-relative spans of the models they come from, with the document they
 * are relative to.
 */
export interface DocumentRef {
  uri: string;
  offset: number;
  /** The document's own text, which document-relative spans index into. */
  text: string;
}

/** A span in a file of the workspace, counted from the start of the file. */
export interface Place {
  uri: string;
  span: Span;
}

/** The place of a document-relative span. */
export function placeOf(at: DocumentRef, span: Span): Place {
  return { uri: at.uri, span: { start: span.start + at.offset, end: span.end + at.offset } };
}

/** A fact read from a document, with the document it was read from. */
export interface Sourced<T> {
  value: T;
  at: DocumentRef;
}
