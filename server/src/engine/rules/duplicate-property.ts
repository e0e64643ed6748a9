import { isMap, type YAMLMap } from 'yaml';
import { canonicalSegment } from '../config/keys';
import { type ConfigTree, treeSpan } from '../model/config';
import type { DocumentModel } from '../model/document';
import { keyText } from '../yaml/nodes';
import type { Finding } from './finding';
import type { DocumentRule } from './rule';

/**
 * Reports a key written twice in one mapping, counting `keyStore` and `key-store` as one:
 * Micronaut keeps only one of them, and which one is easy to get wrong.
 */
export const duplicatePropertyRule: DocumentRule = {
  rules: [
    {
      code: 'duplicate-property',
      defaultSeverity: 'warning',
      summary: 'The same key twice in one mapping, counting kebab-case and camelCase as one.',
    },
  ],
  check(model: DocumentModel): Finding[] {
    return model.configs.flatMap((tree) => duplicatesIn(tree, tree.root));
  },
};

function duplicatesIn(tree: ConfigTree, node: unknown): Finding[] {
  if (!isMap(node)) {
    return [];
  }
  const findings: Finding[] = [];
  const seen = new Map<string, string>();
  for (const pair of (node as YAMLMap).items) {
    const key = keyText(pair);
    if (key !== undefined) {
      const canonical = key.split('.').map(canonicalSegment).join('.');
      const first = seen.get(canonical);
      if (first !== undefined) {
        const [start = 0, end = start] = (pair.key as { range?: number[] }).range ?? [];
        const same = first === key ? `\`${key}\`` : `\`${key}\` and \`${first}\``;
        findings.push({
          code: 'duplicate-property',
          severity: 'warning',
          message: `${same} set the same property twice in ${tree.label}; only one value takes effect. Keep one of them.`,
          span: treeSpan(tree, start, end),
          data: { key, duplicateOf: first },
        });
      } else {
        seen.set(canonical, key);
      }
    }
    findings.push(...duplicatesIn(tree, pair.value));
  }
  return findings;
}
