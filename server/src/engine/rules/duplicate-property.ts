import { isMap, type Pair } from 'yaml';
import { canonicalPath, canonicalSegment } from '../config/keys';
import { type ConfigTree, treeSpan } from '../model/config';
import { keyText } from '../yaml/nodes';
import type { Finding } from './finding';
import type { DocumentRule } from './rule';

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
  checkTree(tree: ConfigTree): Finding[] {
    const findings: Finding[] = [];
    visit(tree, tree.root, undefined, new Map(), false, findings);
    return findings;
  },
};

/**
 * Walks one mapping at the canonical dotted `path`, undefined at the root. `leaves` holds
 * the first key that set each property path; inside a mapping that is itself a duplicate,
 * its keys are not reported again one by one.
 */
function visit(
  tree: ConfigTree,
  node: unknown,
  path: string | undefined,
  leaves: Map<string, string>,
  insideDuplicate: boolean,
  findings: Finding[],
): void {
  if (!isMap(node)) {
    return;
  }
  const seen = new Map<string, string>();
  for (const pair of node.items) {
    const key = keyText(pair);
    if (key === undefined) {
      continue;
    }
    const canonical = key.includes('.') ? canonicalPath(key) : canonicalSegment(key);
    const first = seen.get(canonical);
    const duplicate = first !== undefined;
    if (duplicate) {
      const same = first === key ? `\`${key}\`` : `\`${key}\` and \`${first}\``;
      findings.push(
        finding(tree, pair, key, first, `${same} set the same property twice in ${tree.label}`),
      );
    } else {
      seen.set(canonical, key);
    }
    const property = path === undefined ? canonical : `${path}.${canonical}`;
    if (isMap(pair.value)) {
      visit(tree, pair.value, property, leaves, insideDuplicate || duplicate, findings);
      continue;
    }
    const earlier = leaves.get(property);
    if (earlier === undefined) {
      leaves.set(property, key);
    } else if (!duplicate && !insideDuplicate) {
      findings.push(
        finding(
          tree,
          pair,
          key,
          earlier,
          `\`${property}\` is set twice in ${tree.label}, here and by \`${earlier}\``,
        ),
      );
    }
  }
}

function finding(
  tree: ConfigTree,
  pair: Pair,
  key: string,
  duplicateOf: string,
  what: string,
): Finding {
  const [start = 0, end = start] = (pair.key as { range?: number[] }).range ?? [];
  return {
    code: 'duplicate-property',
    severity: 'warning',
    message: `${what}; only one value takes effect. Keep one of them.`,
    span: treeSpan(tree, start, end),
    data: { key, duplicateOf },
  };
}
