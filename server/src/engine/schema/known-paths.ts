import { rootView, type SchemaView, viewOf } from './navigator';

let known: ReadonlySet<string> | undefined;

/**
 * Every property path the schemas model, leaves and mappings alike, in canonical kebab-case:
 * `micronaut.server.ssl`, `micronaut.server.ssl.key-store.path`. The locators resolve
 * environment variables such as `MICRONAUT_SERVER_SSL_KEY_STORE_PATH` against it.
 */
export function knownPropertyPaths(): ReadonlySet<string> {
  if (!known) {
    const paths = new Set<string>();
    collect(rootView(), '', paths);
    known = paths;
  }
  return known;
}

function collect(view: SchemaView, prefix: string, paths: Set<string>): void {
  for (const [name, child] of view.properties) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    paths.add(path);
    collect(viewOf(child), path, paths);
  }
}
