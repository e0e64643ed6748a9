/**
 * The keywords of our JSON schemas that the engine reads itself, beside what ajv validates:
 * annotations for hover and completion, and the `x-` keywords that carry Kestra's behaviour.
 */
export interface SchemaNode {
  $id?: string;
  $ref?: string;
  $comment?: string;
  type?: string;
  title?: string;
  description?: string;
  markdownDescription?: string;
  default?: unknown;
  enum?: readonly string[];
  examples?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  format?: string;
  pattern?: string;
  deprecated?: boolean;
  /** Marks secrets, whose values messages never repeat. */
  writeOnly?: boolean;
  properties?: Readonly<Record<string, SchemaNode>>;
  additionalProperties?: SchemaNode | boolean;
  unevaluatedProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  $defs?: Readonly<Record<string, SchemaNode>>;
  /** The property that replaces a deprecated one, as a canonical dotted path. */
  'x-replacement'?: string;
  /** An enum Micronaut matches in any case, such as `client-authentication: want`. */
  'x-ignore-case'?: boolean;
  /** What Kestra does with an invalid value, when the default wording does not fit. */
  'x-invalid-effect'?: string;
  /** The values users may write, in words, when the keywords alone do not say it well. */
  'x-allowed'?: string;
}

/** The custom keywords above, declared to ajv so that its strict mode accepts them. */
export const CUSTOM_KEYWORDS = [
  'markdownDescription',
  'x-replacement',
  'x-ignore-case',
  'x-invalid-effect',
  'x-allowed',
];
