import Ajv2020, { type Options, type ValidateFunction } from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import { ROOT_SCHEMA_ID, SCHEMA_FILES } from './schema-files';
import { CUSTOM_KEYWORDS, type SchemaNode } from './schema-node';

/**
 * The user name pattern of Kestra's BasicAuthService. It is laxer than RFC 5321 (it takes
 * `admin@localhost`), and the schema's `email` format means what Kestra accepts.
 */
const KESTRA_EMAIL = /^[a-zA-Z0-9_!#$%&'*+/=?`{|}~^.-]+@[a-zA-Z0-9.-]+$/;

/**
 * How ajv compiles our schemas. Validating the schemas themselves against the JSON Schema
 * meta-schema would compile that meta-schema first, more than half of the compile time:
 * the schemas are ours and fixed, so a test checks them once instead (`schemaFileProblems`).
 * Errors carry no copies of the schema or the data (`verbose`), which nothing reads.
 */
const OPTIONS: Options = { allErrors: true, strict: true, validateSchema: false, verbose: false };

/** The name under which the precompiled validator module exports the validator. */
export const PRECOMPILED_EXPORT = 'precompiledValidator';

/** Compiles the validator of a whole Kestra configuration. */
export function compileSchemas(): ValidateFunction {
  return rootValidator(schemaCompiler(OPTIONS));
}

/**
 * The validator as the JavaScript source of a CommonJS module that exports it as
 * `precompiledValidator`: ajv's standalone code, which a build bundles in place of
 * precompiled-validator.ts so that the server need not compile the schemas when it starts.
 * The module requires ajv's small run-time helpers, not its compiler.
 */
export function precompiledValidatorSource(): string {
  const ajv = schemaCompiler({ ...OPTIONS, code: { source: true } });
  rootValidator(ajv);
  return standaloneCode(ajv, { [PRECOMPILED_EXPORT]: ROOT_SCHEMA_ID });
}

/**
 * What the JSON Schema meta-schema finds wrong in each schema file, by `$id`; empty when
 * every file is a valid schema. The engine skips this check when it starts, so tests run it.
 */
export function schemaFileProblems(
  files: ReadonlyMap<string, SchemaNode> = SCHEMA_FILES,
): Map<string, string> {
  const ajv = schemaCompiler(OPTIONS);
  const problems = new Map<string, string>();
  for (const [id, schema] of files) {
    if (!ajv.validateSchema(schema)) {
      problems.set(id, ajv.errorsText(ajv.errors));
    }
  }
  return problems;
}

function rootValidator(ajv: Ajv2020): ValidateFunction {
  for (const schema of SCHEMA_FILES.values()) {
    ajv.addSchema(schema);
  }
  const root = ajv.getSchema(ROOT_SCHEMA_ID);
  if (!root) {
    throw new Error(`The schema ${ROOT_SCHEMA_ID} is missing`);
  }
  return root;
}

function schemaCompiler(options: Options): Ajv2020 {
  const ajv = new Ajv2020(options);
  ajv.addVocabulary(CUSTOM_KEYWORDS);
  ajv.addFormat('email', KESTRA_EMAIL);
  return ajv;
}
