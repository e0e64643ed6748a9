import { parseArgs } from 'node:util';
import { type RuleSettings, ruleDescriptions, type SeveritySetting } from '../engine';
import { UsageError } from './cli-errors';

/** The output formats of `kestra-tls check`. */
export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;

export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const SEVERITY_SETTINGS: readonly SeveritySetting[] = [
  'error',
  'warning',
  'information',
  'hint',
  'off',
];

/** What `kestra-tls check` was asked to do. */
export interface CheckOptions {
  paths: string[];
  format: OutputFormat;
  rules: RuleSettings;
  help: boolean;
  version: boolean;
  debug: boolean;
}

/** Parses the arguments after `check`; throws a UsageError that names what is valid. */
export function parseCheckOptions(args: readonly string[]): CheckOptions {
  const { values, positionals } = parseCheckArgs(args);
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: parseFormat(values.format ?? 'text'),
    rules: parseRuleSettings(values.rule ?? []),
    help: values.help ?? false,
    version: values.version ?? false,
    debug: values.debug ?? false,
  };
}

function parseCheckArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        rule: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        debug: { type: 'boolean' },
      },
    });
  } catch (error) {
    // node:util reports unknown options and missing values as TypeErrors with a clear text.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function parseFormat(value: string): OutputFormat {
  const format = OUTPUT_FORMATS.find((candidate) => candidate === value);
  if (!format) {
    throw new UsageError(`unknown format '${value}'; valid formats: ${OUTPUT_FORMATS.join(', ')}`);
  }
  return format;
}

/**
 * Turns repeated `--rule CODE=SEVERITY` into rule settings; a later choice for the same
 * code wins, as it would in a settings file.
 */
export function parseRuleSettings(choices: readonly string[]): RuleSettings {
  const codes = ruleDescriptions().map((rule) => rule.code);
  const settings: Record<string, SeveritySetting> = {};
  for (const choice of choices) {
    const separator = choice.indexOf('=');
    if (separator < 0) {
      throw new UsageError(`--rule expects CODE=SEVERITY, got '${choice}'`);
    }
    const code = choice.slice(0, separator).trim();
    const value = choice.slice(separator + 1).trim();
    if (!codes.includes(code)) {
      throw new UsageError(`unknown rule '${code}' in --rule; valid rules: ${codes.join(', ')}`);
    }
    const severity = SEVERITY_SETTINGS.find((candidate) => candidate === value);
    if (!severity) {
      const valid = SEVERITY_SETTINGS.join(', ');
      throw new UsageError(`unknown severity '${value}' for ${code}; valid severities: ${valid}`);
    }
    settings[code] = severity;
  }
  return settings;
}
