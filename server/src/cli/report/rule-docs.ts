import { rulesPage } from './rules-page';

/** What the rules page says of one rule, for SARIF's rule descriptions. */
export interface RuleDoc {
  /** What the rule catches: the paragraphs before "Why it matters". */
  description: string;
  /** The section without its heading, default severity and quick-fix data, in Markdown. */
  markdown: string;
}

const SEVERITY_LINE = /^\*\*Default severity:\*\*.*\n+/;
const WHY = '**Why it matters.**';
const QUICK_FIX = '**Quick-fix data.**';

let sections: Map<string, RuleDoc> | undefined;

/** The documentation of a rule code, or undefined when the page has no section for it. */
export function ruleDoc(code: string): RuleDoc | undefined {
  sections ??= parseRulesPage(rulesPage());
  return sections.get(code);
}

/**
 * Splits the rules page into its `## code` sections. The default severity is left out, as
 * SARIF gives it apart; so is the quick-fix data, which only editors use.
 */
export function parseRulesPage(page: string): Map<string, RuleDoc> {
  const found = new Map<string, RuleDoc>();
  const headings = [...page.matchAll(/^## ([a-z0-9-]+)\n/gm)];
  for (const [index, heading] of headings.entries()) {
    const code = heading[1];
    if (code === undefined) {
      continue;
    }
    const start = heading.index + heading[0].length;
    const end = headings[index + 1]?.index ?? page.length;
    let body = page.slice(start, end).trim().replace(SEVERITY_LINE, '');
    const quickFix = body.indexOf(QUICK_FIX);
    if (quickFix !== -1) {
      body = body.slice(0, quickFix).trim();
    }
    const why = body.indexOf(WHY);
    const description = (why === -1 ? body : body.slice(0, why)).trim();
    found.set(code, { description, markdown: body });
  }
  return found;
}
