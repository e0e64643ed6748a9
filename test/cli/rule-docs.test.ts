import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRulesPage } from '../../server/src/cli/report/rule-docs';

const PAGE = `# Rules

Some introduction.

## first-rule

**Default severity:** warning

What it catches.

More on that.

**Why it matters.** It fails.

**Fix.** Do this.

**Quick-fix data.** \`port\`.

## second-rule

**Default severity:** error

Only a description.
`;

describe('the rules page as SARIF help', () => {
  test('keeps each section without its severity line and quick-fix data', () => {
    const sections = parseRulesPage(PAGE);

    assert.deepEqual([...sections.keys()], ['first-rule', 'second-rule']);
    assert.deepEqual(sections.get('first-rule'), {
      description: 'What it catches.\n\nMore on that.',
      markdown:
        'What it catches.\n\nMore on that.\n\n**Why it matters.** It fails.\n\n**Fix.** Do this.',
    });
    assert.deepEqual(sections.get('second-rule'), {
      description: 'Only a description.',
      markdown: 'Only a description.',
    });
  });

  test('finds nothing in an empty page', () => {
    assert.equal(parseRulesPage('').size, 0);
  });
});
