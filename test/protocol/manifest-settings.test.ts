import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  defaultSettings,
  SETTINGS_SECTION,
  SEVERITY_SETTINGS,
} from '../../server/src/server/settings';

interface ContributedSetting {
  type: string;
  default: unknown;
  additionalProperties?: { enum?: string[] };
}

/** The settings the extension contributes in package.json, by their name in the section. */
function contributedSettings(): Map<string, ContributedSetting> {
  const manifest = JSON.parse(
    readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'),
  ) as { contributes: { configuration: { properties: Record<string, ContributedSetting> } } };
  const prefix = `${SETTINGS_SECTION}.`;
  return new Map(
    Object.entries(manifest.contributes.configuration.properties)
      .filter(([name]) => name.startsWith(prefix) && name !== `${prefix}trace.server`)
      .map(([name, setting]) => [name.slice(prefix.length), setting]),
  );
}

describe('the settings in package.json', () => {
  it('are exactly the settings the server reads, with the same defaults', () => {
    const contributed = contributedSettings();
    assert.deepEqual([...contributed.keys()].sort(), Object.keys(defaultSettings).sort());
    for (const [name, value] of Object.entries(defaultSettings)) {
      assert.deepEqual(contributed.get(name)?.default, value, name);
    }
  });

  it('offer every severity the server accepts for a rule', () => {
    const rules = contributedSettings().get('rules');
    assert.deepEqual(rules?.additionalProperties?.enum, [...SEVERITY_SETTINGS]);
  });
});
