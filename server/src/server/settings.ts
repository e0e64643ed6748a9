import type { RuleSettings, SeveritySetting } from '../engine/index';

export type { RuleSettings, SeveritySetting };

/** The `kestraTls` settings section, shared by the VS Code client and the language server. */
export interface KestraTlsSettings {
  /** Severity per rule code, or `off`; rules not listed keep their default severity. */
  rules: RuleSettings;
}

/** The settings section read with `workspace/configuration`. */
export const SETTINGS_SECTION = 'kestraTls';

/** Settings when the client sends none: every rule at its default severity. */
export const defaultSettings: KestraTlsSettings = { rules: {} };

/** Every value `kestraTls.rules` accepts for a rule. */
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = [
  'error',
  'warning',
  'information',
  'hint',
  'off',
];

/**
 * Reads the `kestraTls` section as a client sent it, keeping only what is valid: a
 * severity that is not one of SEVERITY_SETTINGS is dropped, so that rule keeps its default.
 * Each dropped value is reported by its rule code through `report`; the value itself is
 * never repeated, since a mistyped settings file may hold anything.
 */
export function parseSettings(
  section: unknown,
  report: (problem: string) => void,
): KestraTlsSettings {
  if (section === undefined || section === null) {
    return defaultSettings;
  }
  if (!isRecord(section)) {
    report(`The \`${SETTINGS_SECTION}\` settings are not an object; defaults apply.`);
    return defaultSettings;
  }
  const rawRules = section.rules;
  if (rawRules === undefined || rawRules === null) {
    return defaultSettings;
  }
  if (!isRecord(rawRules)) {
    report(`\`${SETTINGS_SECTION}.rules\` is not an object; every rule keeps its default.`);
    return defaultSettings;
  }
  const rules: Record<string, SeveritySetting> = {};
  for (const [code, severity] of Object.entries(rawRules)) {
    if (isSeveritySetting(severity)) {
      rules[code] = severity;
    } else {
      report(
        `\`${SETTINGS_SECTION}.rules\` gives rule \`${code}\` an unknown severity; it keeps ` +
          `its default. Use one of: ${SEVERITY_SETTINGS.join(', ')}.`,
      );
    }
  }
  return { rules };
}

function isSeveritySetting(value: unknown): value is SeveritySetting {
  return typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
