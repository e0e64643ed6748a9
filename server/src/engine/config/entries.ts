import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { type ConfigTree, treeSpan } from '../model/config';
import type { Span } from '../model/span';
import { keyText } from '../yaml/nodes';
import { canonicalSegment } from './keys';

/** One key of a configuration tree, with its canonical path and where it stands. */
export interface ConfigEntry {
  /** Canonical kebab-case segments from the root: `['micronaut', 'server', 'ssl']`. */
  path: string[];
  /** The key as written, which may hold several dotted segments. */
  key: string;
  /** The segments of the key as written: `['server', 'ssl']` for `server.ssl`. */
  written: string[];
  /** The entry whose mapping holds this one; undefined at the root of the tree. */
  parent: ConfigEntry | undefined;
  pair: Pair;
  value: Node | null;
  /** Spans in the document that holds the tree. */
  keySpan: Span;
  valueSpan: Span;
}

/**
 * Lists every key of a configuration tree in document order, each after its parent.
 * Micronaut reads a dotted key (`micronaut.server.port: 8443`) as nested keys, so its
 * segments join the path.
 */
export function configEntries(tree: ConfigTree): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  const visit = (node: unknown, path: string[], parent: ConfigEntry | undefined) => {
    if (!isMap(node)) {
      return;
    }
    for (const pair of node.items) {
      const key = keyText(pair);
      if (key === undefined) {
        continue;
      }
      const written = key.includes('.') ? key.split('.') : [key];
      const entryPath = path.concat(written.map(canonicalSegment));
      const value = (pair.value ?? null) as Node | null;
      const keyNode = pair.key as Node;
      const [keyStart = 0, keyEnd = keyStart] = keyNode.range ?? [];
      const [valueStart = keyEnd, valueEnd = valueStart] = value?.range ?? [];
      const entry: ConfigEntry = {
        path: entryPath,
        key,
        written,
        parent,
        pair,
        value,
        keySpan: treeSpan(tree, keyStart, keyEnd),
        valueSpan: treeSpan(tree, valueStart, valueEnd),
      };
      entries.push(entry);
      visit(value, entryPath, entry);
    }
  };
  visit(tree.root, [], undefined);
  return entries;
}

/** The scalar value of an entry, or undefined for mappings, sequences and nulls. */
export function entryScalar(entry: ConfigEntry): string | number | boolean | undefined {
  const value = entry.value;
  if (isScalar(value) && value.value !== null && typeof value.value !== 'object') {
    return value.value as string | number | boolean;
  }
  return undefined;
}
