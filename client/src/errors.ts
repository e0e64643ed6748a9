/** A one-line description of anything thrown, for messages and logs. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
