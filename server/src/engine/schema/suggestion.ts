import { canonicalSegment } from '../config/keys';
import type { DataStep } from './config-data';
import { schemaAt } from './navigator';

/**
 * The key a user most likely meant instead of an unknown one, among the keys the schemas
 * allow beside it: the same key without its dashes (`keystore` for `key-store`), a key a
 * typo or two away (`pasword`), or a Spring Boot style flat key (`key-store-password` for
 * `key-store.password`). Written in the user's style: camelCase when they wrote camelCase.
 */
export function suggestKey(written: string, parent: readonly DataStep[]): string | undefined {
  const view = schemaAt(parent);
  if (!view) {
    return undefined;
  }
  const allowed = [...view.properties.keys()];
  const key = canonicalSegment(written);
  const found =
    allowed.find((name) => squash(name) === squash(key)) ??
    flattened(key, parent, allowed) ??
    nearest(key, allowed);
  return found === undefined ? undefined : inStyleOf(written, found);
}

function flattened(
  key: string,
  parent: readonly DataStep[],
  allowed: string[],
): string | undefined {
  for (const name of allowed) {
    if (key.startsWith(`${name}-`)) {
      const rest = key.slice(name.length + 1);
      const child = schemaAt([...parent, name])?.properties.has(rest);
      if (child) {
        return `${name}.${rest}`;
      }
    }
  }
  return undefined;
}

function nearest(key: string, allowed: string[]): string | undefined {
  const target = squash(key);
  // Short keys tolerate one typo and longer ones two; more would pair `port` with `path`.
  const limit = target.length < 6 ? 1 : 2;
  let best: { name: string; distance: number } | undefined;
  for (const name of allowed) {
    const distance = editDistance(target, squash(name));
    if (distance <= limit && (!best || distance < best.distance)) {
      best = { name, distance };
    }
  }
  return best?.name;
}

function squash(key: string): string {
  return key.replace(/-/g, '');
}

function inStyleOf(written: string, suggestion: string): string {
  if (!/[A-Z]/.test(written) || written.includes('-')) {
    return suggestion;
  }
  return suggestion.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Optimal string alignment distance: insertions, deletions, substitutions, swaps. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const d: number[] = new Array(rows * columns).fill(0);
  const at = (i: number, j: number) => d[i * columns + j] as number;
  for (let i = 0; i < rows; i++) {
    d[i * columns] = i;
  }
  for (let j = 0; j < columns; j++) {
    d[j] = j;
  }
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, at(i - 2, j - 2) + 1);
      }
      d[i * columns + j] = value;
    }
  }
  return at(rows - 1, columns - 1);
}
