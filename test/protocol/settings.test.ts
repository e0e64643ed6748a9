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

    assert.deepEqual(settings, { ...defaultSettings, rules });
    assert.deepEqual(problems, []);
  });

  it('drops an unknown severity and names the rule, never the value', () => {
    const { settings, problems } = parse({
      rules: { 'misplaced-property': 'Warning', 'yaml-syntax': 'error', 'ingress-tls': 3 },
    });

    assert.deepEqual(settings.rules, { 'yaml-syntax': 'error' });
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /`misplaced-property`/);
    assert.match(problems[1] ?? '', /`ingress-tls`/);
    assert.ok(problems.every((problem) => !problem.includes('Warning')));
  });

  it('falls back to the defaults when the section or its rules are not objects', () => {
    for (const section of ['error', [], { rules: ['error'] }, { rules: 'off' }]) {
      const { settings, problems } = parse(section);
      assert.deepEqual(settings, defaultSettings);
      assert.equal(problems.length, 1, JSON.stringify(section));
    }
  });

  it('takes a missing section or missing settings silently', () => {
    const missing = [
      undefined,
      null,
      {},
      { rules: null, deepValidation: null, certificateExpiryWarningDays: null },
    ];
    for (const section of missing) {
      const { settings, problems } = parse(section);
      assert.deepEqual(settings, defaultSettings);
      assert.deepEqual(problems, []);
    }
  });

  it('keeps the deep check settings a user gives', () => {
    const { settings, problems } = parse({
      deepValidation: false,
      certificateExpiryWarningDays: 0,
    });

    assert.equal(settings.deepValidation, false);
    assert.equal(settings.certificateExpiryWarningDays, 0);
    assert.deepEqual(problems, []);
  });

  it('keeps the deep checks on and 30 days when their settings are mistyped', () => {
    for (const days of ['7', -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const { settings, problems } = parse({
        deepValidation: 'no',
        certificateExpiryWarningDays: days,
      });

      assert.equal(settings.deepValidation, true);
      assert.equal(settings.certificateExpiryWarningDays, 30);
      assert.equal(problems.length, 2, String(days));
      assert.match(problems[0] ?? '', /`kestraTls\.deepValidation`/);
      assert.match(problems[1] ?? '', /`kestraTls\.certificateExpiryWarningDays`/);
      assert.ok(problems.every((problem) => !problem.includes(String(days))));
    }
  });
});
