import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

/**
 * How the engine parses YAML everywhere. Duplicate keys are kept, not turned into errors,
 * because the duplicate-property rule explains them better; error messages stay short
 * because diagnostics carry their own position.
 */
export const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  uniqueKeys: false,
  prettyErrors: false,
};
