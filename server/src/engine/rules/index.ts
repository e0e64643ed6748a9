import { duplicatePropertyRule } from './duplicate-property';
import { misplacedPropertyRule } from './misplaced-property';
import type { DocumentRule, RuleDescription } from './rule';
import { schemaValidationRule } from './schema-validation';
import { yamlSyntaxRule } from './yaml-syntax';

/** The rules that look at one document at a time, in the order they report. */
export const documentRules: readonly DocumentRule[] = [
  yamlSyntaxRule,
  misplacedPropertyRule,
  duplicatePropertyRule,
  schemaValidationRule,
];

/** Every rule code the engine can report, with its default severity. */
export function ruleDescriptions(): RuleDescription[] {
  return documentRules.flatMap((rule) => rule.rules);
}
