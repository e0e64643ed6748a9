import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings, parseSettings } from '../../server/src/server/settings';

function parse(section: unknown): {
  settings: ReturnType<typeof parseSettings>;
  problems: string[];
} {
  const problems: string[] = [];
  const settings = parseSettings(section, (problem) => problems.push(problem));
  return { settings, problems };
}

describe('parseSettings', () => {
  it('keeps every valid severity', () => {
    const rules = { 'unknown-property': 'error', 'misplaced-property': 'off', other: 'hint' };
    const { settings, problems } = parse({ rules });

    assert.deepEqual(settings, { rules });
    assert.deepEqual(problems, []);
  });

  it('drops an unknown severity and names the rule, never the value', () => {
    const { settings, problems } = parse({
      rules: { 'misplaced-property': 'Warning', 'yaml-syntax': 'error', 'ingress-tls': 3 },
    });

    assert.deepEqual(settings, { rules: { 'yaml-syntax': 'error' } });
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /`misplaced-property`/);
    assert.match(problems[1] ?? '', /`ingress-tls`/);
    assert.ok(problems.every((problem) => !problem.includes('Warning')));
  });

  it('falls back to the defaults when the section or its rules are not objects', () => {
    for (const section of ['error', [], { rules: ['error'] }, { rules: 'off' }]) {
      const { settings, problems } = parse(section);
      assert.equal(settings, defaultSettings);
      assert.equal(problems.length, 1, JSON.stringify(section));
    }
  });

  it('takes a missing section or missing rules silently', () => {
    for (const section of [undefined, null, {}, { rules: null }]) {
      const { settings, problems } = parse(section);
      assert.equal(settings, defaultSettings);
      assert.deepEqual(problems, []);
    }
  });
});
