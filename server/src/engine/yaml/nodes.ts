import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Span } from '../model/span';

/** The key of a pair as text, or undefined when it is not a plain scalar. */
export function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key) && key.value !== null && typeof key.value !== 'object') {
    return String(key.value);
  }
  return undefined;
}

/** The pair of `map` whose key is `name`. */
export function findPair(map: unknown, name: string): Pair<unknown, unknown> | undefined {
  if (!isMap(map)) {
    return undefined;
  }
  return map.items.find((pair) => keyText(pair) === name);
}

/** The value node under `path` in nested mappings. */
export function getIn(node: unknown, ...path: string[]): Node | undefined {
  let current: unknown = node;
  for (const name of path) {
    current = findPair(current, name)?.value;
    if (current === undefined || current === null) {
      return undefined;
    }
  }
  return current as Node;
}

/** A mapping under `path`, or undefined when it is absent or not a mapping. */
export function getMap(node: unknown, ...path: string[]): YAMLMap | undefined {
  const found = getIn(node, ...path);
  return isMap(found) ? found : undefined;
}

/** The items of a sequence under `path`; empty when it is absent or not a sequence. */
export function getItems(node: unknown, ...path: string[]): unknown[] {
  const found = path.length === 0 ? node : getIn(node, ...path);
  return isSeq(found) ? found.items : [];
}

/** A scalar's value as text; numbers and booleans are written as YAML would. */
export function scalarText(node: unknown): string | undefined {
  if (isScalar(node) && node.value !== null && typeof node.value !== 'object') {
    return String(node.value);
  }
  return undefined;
}

/** The text of the scalar under `path`. */
export function textIn(node: unknown, ...path: string[]): string | undefined {
  return scalarText(getIn(node, ...path));
}

/** The span a node covers, without trailing comments and blank lines. */
export function nodeSpan(node: unknown): Span {
  const range = (node as Node | undefined)?.range;
  if (!range) {
    return { start: 0, end: 0 };
  }
  return { start: range[0], end: range[1] };
}

/** The span of a pair's key, falling back to its value. */
export function keySpan(pair: Pair): Span {
  return nodeSpan(pair.key ?? pair.value);
}

export function isTextScalar(node: unknown): node is Scalar<string> {
  return isScalar(node) && typeof node.value === 'string';
}
