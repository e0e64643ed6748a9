import { type ConfigEntry, configEntries } from './config/entries';
import type { ConfigTree } from './model/config';
import type { DocumentKind, DocumentModel } from './model/document';
import { mapDataSpans, type Span } from './model/span';
import type { Finding } from './rules/finding';
import type { DocumentRule, TreeContext } from './rules/rule';

/** What the document rules found, and the rules that failed, for the log. */
export interface DocumentRuleResults {
  findings: Finding[];
  failures: string[];
}

const TREE_CACHE_LIMIT = 2000;
/** Findings of each tree rule by embedded text, then by document kind, origin and label. */
const treeCaches = new WeakMap<DocumentRule, Map<string, Map<string, Finding[]>>>();

/** Runs every document rule on a model, isolating each rule's failure from the others. */
export function runDocumentRules(
  model: DocumentModel,
  rules: readonly DocumentRule[],
): DocumentRuleResults {
  const findings: Finding[] = [];
  const failures: string[] = [];
  const trees = model.configs.map((tree) => checkedTree(tree, model.kind));
  for (const rule of rules) {
    try {
      if (rule.checkTree) {
        for (const tree of trees) {
          findings.push(...treeFindings(rule, tree));
        }
      }
      if (rule.check) {
        findings.push(...rule.check(model));
      }
    } catch (error) {
      const codes = rule.rules.map((description) => description.code).join(', ');
      failures.push(`${codes}: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    }
  }
  // Findings come in document order, whichever rule and tree they came from.
  findings.sort((a, b) => a.span.start - b.span.start);
  return { findings, failures };
}

/** A tree as the tree rules check it, with what they share: made anew for every run. */
interface CheckedTree {
  tree: ConfigTree;
  /** The tree in its own offsets when it is embedded: its findings are cached by its text. */
  relative: ConfigTree;
  context: TreeContext;
}

function checkedTree(tree: ConfigTree, documentKind: DocumentKind): CheckedTree {
  const relative = tree.map === null || tree.text === null ? tree : { ...tree, map: null };
  let entries: ConfigEntry[] | undefined;
  // Listed on the first rule that asks, and never kept past this run: an edit may move the
  // nodes of an unchanged tree in place, so entries listed earlier could hold stale spans.
  const context = { documentKind, entries: () => (entries ??= configEntries(relative)) };
  return { tree, relative, context };
}

/**
 * The findings of a tree rule. An embedded tree is checked in its own offsets and the
 * result cached by its text; each use maps the cached spans into the document.
 */
function treeFindings(rule: DocumentRule, checked: CheckedTree): Finding[] {
  const { tree, relative, context } = checked;
  const check = rule.checkTree!.bind(rule);
  const map = tree.map;
  if (map === null || tree.text === null) {
    return check(relative, context);
  }
  let cache = treeCaches.get(rule);
  if (!cache) {
    cache = new Map();
    treeCaches.set(rule, cache);
  }
  // Keyed by the text itself rather than by a key holding it, which would copy every
  // configuration's text for every rule on every keystroke.
  const text = tree.text;
  const byContext = cache.get(text) ?? new Map<string, Finding[]>();
  cache.delete(text);
  cache.set(text, byContext);
  if (cache.size > TREE_CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) {
      cache.delete(oldest);
    }
  }
  const key = `${context.documentKind}\0${tree.origin}\0${tree.label}`;
  let found = byContext.get(key);
  if (!found) {
    found = check(relative, context);
    byContext.set(key, found);
  }
  const toDocument = (span: Span) => map.spanToHost(span.start, span.end);
  return found.map((finding) => ({
    ...finding,
    span: toDocument(finding.span),
    ...(finding.data ? { data: mapDataSpans(finding.data, toDocument) } : {}),
  }));
}
