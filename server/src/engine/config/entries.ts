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
  visit(tree, tree.root, [], undefined, entries);
  return entries;
}

function visit(
  tree: ConfigTree,
  node: unknown,
  path: string[],
  parent: ConfigEntry | undefined,
  entries: ConfigEntry[],
): void {
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
    // Ranges are read by index: destructuring runs the iterator protocol, which costs
    // much in code the JavaScript engine has not optimised yet, as on a first open.
    const keyRange = (pair.key as Node).range;
    const keyStart = keyRange?.[0] ?? 0;
    const keyEnd = keyRange?.[1] ?? keyStart;
    const valueRange = value?.range;
    const valueStart = valueRange?.[0] ?? keyEnd;
    const valueEnd = valueRange?.[1] ?? valueStart;
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
    visit(tree, value, entryPath, entry, entries);
  }
}

/** The scalar value of an entry, or undefined for mappings, sequences and nulls. */
export function entryScalar(entry: ConfigEntry): string | number | boolean | undefined {
  const value = entry.value;
  if (isScalar(value) && value.value !== null && typeof value.value !== 'object') {
    return value.value as string | number | boolean;
  }
  return undefined;
}

/**
 * The span of one segment of a key: exact when the key stands verbatim in the text (plain
 * or quoted), the whole key otherwise.
 */
export function segmentSpan(keySpan: Span, key: string, offset: number, length: number): Span {
  const width = keySpan.end - keySpan.start;
  const quote = width === key.length + 2 ? 1 : width === key.length ? 0 : undefined;
  if (quote === undefined || (quote === 0 && length === key.length)) {
    return keySpan;
  }
  const start = keySpan.start + quote + offset;
  return { start, end: start + length };
}
