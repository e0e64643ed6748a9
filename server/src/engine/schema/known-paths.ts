/** Every property path the schemas model, in canonical kebab-case. */
export function knownPropertyPaths(): ReadonlySet<string> {
  return new Set();
}
