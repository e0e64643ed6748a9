import { isMap } from 'yaml';
import type { ConfigEntry } from '../config/entries';
import type { ConfigTree } from '../model/config';
import type { Finding } from './finding';
import type { DocumentRule, TreeContext } from './rule';

/**
 * Reports a property set twice in one configuration: the same key twice in one mapping,
 * counting `keyStore` and `key-store` as one, or a dotted key such as
 * `micronaut.server.port` beside the nested keys that set the same property. Micronaut
 * keeps only one of the values, and which one is easy to get wrong.
 */
export const duplicatePropertyRule: DocumentRule = {
  rules: [
    {
      code: 'duplicate-property',
      defaultSeverity: 'warning',
      summary:
        'The same property set twice: a key repeated in a mapping, `keyStore` beside ' +
        '`key-store`, or a dotted key beside the nested keys it stands for.',
    },
  ],
  checkTree(tree: ConfigTree, context: TreeContext): Finding[] {
    return duplicates(tree, context.entries());
  },
};

/**
 * Goes through the keys in document order, each mapping's keys after the key that holds
 * the mapping. `leaves` holds the first key that set each property path; inside a mapping
 * that is itself a duplicate, its keys are not reported again one by one.
 */
function duplicates(tree: ConfigTree, entries: readonly ConfigEntry[]): Finding[] {
  const findings: Finding[] = [];
  const leaves = new Map<string, string>();
  // The first key of each canonical spelling, by the entry that holds the mapping.
  const seenIn = new Map<ConfigEntry | undefined, Map<string, string>>();
  const duplicateMappings = new Set<ConfigEntry>();
  for (const entry of entries) {
    const { key, parent } = entry;
    let seen = seenIn.get(parent);
    if (!seen) {
      seen = new Map();
      seenIn.set(parent, seen);
    }
    const canonical = canonicalKey(entry);
    const first = seen.get(canonical);
    const duplicate = first !== undefined;
    if (duplicate) {
      const same = first === key ? `\`${key}\`` : `\`${key}\` and \`${first}\``;
      findings.push(finding(entry, first, `${same} set the same property twice in ${tree.label}`));
    } else {
      seen.set(canonical, key);
    }
    const insideDuplicate = parent !== undefined && duplicateMappings.has(parent);
    if (isMap(entry.value)) {
      if (duplicate || insideDuplicate) {
        duplicateMappings.add(entry);
      }
      continue;
    }
    const property = entry.path.join('.');
    const earlier = leaves.get(property);
    if (earlier === undefined) {
      leaves.set(property, key);
    } else if (!duplicate && !insideDuplicate) {
      findings.push(
        finding(
          entry,
          earlier,
          `\`${property}\` is set twice in ${tree.label}, here and by \`${earlier}\``,
        ),
      );
    }
  }
  return findings;
}

/** The canonical form of the key as written: its own segments of the path. */
function canonicalKey(entry: ConfigEntry): string {
  const { path, written } = entry;
  return written.length === 1
    ? (path[path.length - 1] as string)
    : path.slice(path.length - written.length).join('.');
}

function finding(entry: ConfigEntry, duplicateOf: string, what: string): Finding {
  return {
    code: 'duplicate-property',
    severity: 'warning',
    message: `${what}; only one value takes effect. Keep one of them.`,
    span: entry.keySpan,
    data: { key: entry.key, duplicateOf },
  };
}
