/** What the locators need besides the document: its text and the known property paths. */
export interface LocateContext {
  /** The text of the document being read; node offsets are offsets into it. */
  text: string;
  /** Every property path the schemas model, to resolve relaxed environment names. */
  knownPaths: ReadonlySet<string>;
}
