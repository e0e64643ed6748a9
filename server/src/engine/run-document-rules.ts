import type { ConfigTree } from './model/config';
import type { DocumentKind, DocumentModel } from './model/document';
import type { Span } from './model/span';
import type { Finding } from './rules/finding';
import type { DocumentRule } from './rules/rule';

/** What the document rules found, and the rules that failed, for the log. */
export interface DocumentRuleResults {
  findings: Finding[];
  failures: string[];
}

const TREE_CACHE_LIMIT = 2000;
const treeCaches = new WeakMap<DocumentRule, Map<string, Finding[]>>();

/** Runs every document rule on a model, isolating each rule's failure from the others. */
export function runDocumentRules(
  model: DocumentModel,
  rules: readonly DocumentRule[],
): DocumentRuleResults {
  const findings: Finding[] = [];
  const failures: string[] = [];
  for (const rule of rules) {
    try {
      if (rule.checkTree) {
        for (const tree of model.configs) {
          findings.push(...treeFindings(rule, tree, model.kind));
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

/**
 * The findings of a tree rule. An embedded tree is checked in its own offsets and the
 * result cached by its text; each use maps the cached spans into the document.
 */
function treeFindings(rule: DocumentRule, tree: ConfigTree, kind: DocumentKind): Finding[] {
  const check = rule.checkTree!.bind(rule);
  const map = tree.map;
  if (map === null || tree.text === null) {
    return check(tree, kind);
  }
  let cache = treeCaches.get(rule);
  if (!cache) {
    cache = new Map();
    treeCaches.set(rule, cache);
  }
  const key = `${kind}\0${tree.origin}\0${tree.label}\0${tree.text}`;
  let relative = cache.get(key);
  if (relative) {
    cache.delete(key);
  } else {
    relative = check({ ...tree, map: null }, kind);
  }
  cache.set(key, relative);
  if (cache.size > TREE_CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) {
      cache.delete(oldest);
    }
  }
  const toDocument = (span: Span) => map.spanToHost(span.start, span.end);
  return relative.map((finding) => ({
    ...finding,
    span: toDocument(finding.span),
    ...(finding.data ? { data: mapDataSpans(finding.data, toDocument) } : {}),
  }));
}

/** Spans a rule puts in `data` for a quick fix (`...Span` keys) move with the finding. */
function mapDataSpans(
  data: Record<string, unknown>,
  toDocument: (span: Span) => Span,
): Record<string, unknown> {
  const mapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    mapped[key] = key.endsWith('Span') && isSpan(value) ? toDocument(value) : value;
  }
  return mapped;
}

function isSpan(value: unknown): value is Span {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Span).start === 'number' &&
    typeof (value as Span).end === 'number'
  );
}
