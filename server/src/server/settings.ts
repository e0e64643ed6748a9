import type { RuleSettings, SeveritySetting } from '../engine/index';

export type { RuleSettings, SeveritySetting };

/** The `kestraTls` settings section, shared by the VS Code client and the language server. */
export interface KestraTlsSettings {
  /** Severity per rule code, or `off`; rules not listed keep their default severity. */
  rules: RuleSettings;
  /**
   * Whether the checks open the keystores and truststores a configuration names. The engine
   * applies one value to the whole workspace, so it is read without a document's scope.
   */
  deepValidation: boolean;
  /** Days before a certificate's expiry from which `cert-expiry` warns. */
  certificateExpiryWarningDays: number;
}

/** The settings section read with `workspace/configuration`. */
export const SETTINGS_SECTION = 'kestraTls';

/** Settings when the client sends none: every rule at its default severity, deep checks on. */
export const defaultSettings: KestraTlsSettings = {
  rules: {},
  deepValidation: true,
  certificateExpiryWarningDays: 30,
};

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
 * severity that is not one of SEVERITY_SETTINGS is dropped, so that rule keeps its default,
 * and any other setting of the wrong type keeps its default. Each dropped value is reported
 * by its setting's name (and rule code) through `report`; the value itself is never
 * repeated, since a mistyped settings file may hold anything.
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
  return {
    rules: parseRules(section.rules, report),
    deepValidation: parseDeepValidation(section.deepValidation, report),
    certificateExpiryWarningDays: parseWarningDays(section.certificateExpiryWarningDays, report),
  };
}

function parseRules(rawRules: unknown, report: (problem: string) => void): RuleSettings {
  if (rawRules === undefined || rawRules === null) {
    return defaultSettings.rules;
  }
  if (!isRecord(rawRules)) {
    report(`\`${SETTINGS_SECTION}.rules\` is not an object; every rule keeps its default.`);
    return defaultSettings.rules;
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
  return rules;
}

function parseDeepValidation(value: unknown, report: (problem: string) => void): boolean {
  if (value === undefined || value === null) {
    return defaultSettings.deepValidation;
  }
  if (typeof value !== 'boolean') {
    report(`\`${SETTINGS_SECTION}.deepValidation\` is not true or false; the deep checks stay on.`);
    return defaultSettings.deepValidation;
  }
  return value;
}

function parseWarningDays(value: unknown, report: (problem: string) => void): number {
  if (value === undefined || value === null) {
    return defaultSettings.certificateExpiryWarningDays;
  }
  // A mistyped value must not silence expiry warnings, so it falls back to the default.
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    report(
      `\`${SETTINGS_SECTION}.certificateExpiryWarningDays\` is not a number of days, zero or ` +
        `more; ${defaultSettings.certificateExpiryWarningDays} days apply.`,
    );
    return defaultSettings.certificateExpiryWarningDays;
  }
  return value;
}

function isSeveritySetting(value: unknown): value is SeveritySetting {
  return typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
