import { duplicatePropertyRule } from './duplicate-property';
import { misplacedPropertyRule } from './misplaced-property';
import type { DocumentRule } from './rule';
import { schemaValidationRule } from './schema-validation';
import { yamlSyntaxRule } from './yaml-syntax';

/** The rules that look at one document at a time, in the order they report. */
export const documentRules: readonly DocumentRule[] = [
  yamlSyntaxRule,
  misplacedPropertyRule,
  duplicatePropertyRule,
  schemaValidationRule,
];
