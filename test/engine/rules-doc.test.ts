import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ruleDescriptions } from '../../server/src/engine/index';

/** The repository root: tests run from out/test/engine. */
const PAGE = readFileSync(path.resolve(__dirname, '../../../docs/rules.md'), 'utf8');

/** The text of the `## code` section of the page, up to the next section. */
function section(code: string): string | undefined {
  const start = PAGE.indexOf(`\n## ${code}\n`);
  if (start === -1) {
    return undefined;
  }
  const next = PAGE.indexOf('\n## ', start + 1);
  return PAGE.slice(start, next === -1 ? PAGE.length : next);
}

describe('docs/rules.md', () => {
  test('every rule code has a section with its default severity and a row in the index', () => {
    for (const rule of ruleDescriptions()) {
      const text = section(rule.code);
      assert.ok(text, `docs/rules.md has a "## ${rule.code}" section`);
      assert.match(
        text,
        new RegExp(`\\*\\*Default severity:\\*\\* ${rule.defaultSeverity}\\n`),
        `the ${rule.code} section gives its default severity`,
      );
      assert.ok(
        PAGE.includes(`| [${rule.code}](#${rule.code}) | ${rule.defaultSeverity} |`),
        `the index lists ${rule.code}`,
      );
    }
  });

  test('the page documents no code that the engine does not have', () => {
    const codes = new Set(ruleDescriptions().map((rule) => rule.code));
    const headings = [...PAGE.matchAll(/^## ([a-z0-9-]+)$/gm)].map((match) => match[1]);
    assert.deepEqual(
      headings.filter((code) => code !== undefined && !codes.has(code)),
      [],
    );
  });

  test('the configuration checks are written in full', () => {
    for (const code of ['yaml-syntax', 'misplaced-property', 'duplicate-property']) {
      const text = section(code) ?? '';
      for (const part of ['**Why it matters.**', '**Example.**', '**Fix.**', '```yaml']) {
        assert.ok(text.includes(part), `${code} has ${part}`);
      }
    }
  });
});
