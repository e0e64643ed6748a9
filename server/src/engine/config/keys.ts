/**
 * Micronaut binds `keyStore`, `key-store` and `KEY_STORE` to one property. These helpers
 * turn every spelling into the canonical kebab-case form that the schemas use.
 */

/** The canonical spelling of one key segment: `keyStore` -> `key-store`. */
export function canonicalSegment(segment: string): string {
  // Most keys are written in kebab-case already, and then nothing needs to be replaced.
  if (segment.toLowerCase() === segment) {
    return segment;
  }
  return segment
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** The canonical spelling of a dotted property path. */
export function canonicalPath(path: string): string {
  return path.split('.').map(canonicalSegment).join('.');
}

/**
 * The property an environment variable binds, following Micronaut's relaxed binding:
 * `MICRONAUT_SERVER_SSL_KEY_STORE_PATH` -> `micronaut.server.ssl.key-store.path`. An
 * underscore may stand for a dot or a dash; `knownPaths` decides, and without a match
 * every underscore is read as a dot.
 */
export function environmentVariablePath(name: string, knownPaths: ReadonlySet<string>): string {
  const words = name.toLowerCase().split('_').filter(Boolean);
  const found = joinKnown(words, knownPaths);
  return found ?? words.join('.');
}

function joinKnown(words: string[], knownPaths: ReadonlySet<string>): string | undefined {
  // Only the words after the first can be joined by dashes; try the longest known prefix.
  const search = (index: number, prefix: string): string | undefined => {
    if (index === words.length) {
      return knownPaths.has(prefix) ? prefix : undefined;
    }
    const word = words[index] as string;
    if (index === 0) {
      return search(1, word);
    }
    return search(index + 1, `${prefix}.${word}`) ?? search(index + 1, `${prefix}-${word}`);
  };
  return words.length <= 12 ? search(0, '') : undefined;
}

/** Text that holds a `${NAME}` or `${NAME:default}` placeholder Micronaut resolves at start-up. */
export function hasPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** The default of a value made only of one placeholder, such as `${PASSWORD:changeit}`. */
export function placeholderDefault(value: string): string | undefined {
  const match = /^\$\{[^}:]+:([^}]*)\}$/.exec(value.trim());
  return match?.[1];
}
