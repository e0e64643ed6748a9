import Ajv2020, { type ErrorObject, type Options, type ValidateFunction } from 'ajv/dist/2020';
import { ROOT_SCHEMA_ID, SCHEMA_FILES } from './schema-files';
import { CUSTOM_KEYWORDS, type SchemaNode } from './schema-node';

/**
 * The user name pattern of Kestra's BasicAuthService. It is laxer than RFC 5321 (it takes
 * `admin@localhost`), and the schema's `email` format means what Kestra accepts.
 */
const KESTRA_EMAIL = /^[a-zA-Z0-9_!#$%&'*+/=?`{|}~^.-]+@[a-zA-Z0-9.-]+$/;

/**
 * How ajv compiles our schemas. Validating the schemas themselves against the JSON Schema
 * meta-schema would compile that meta-schema first, more than half of the start-up cost:
 * the schemas are ours and fixed, so a test checks them once instead (`schemaFileProblems`).
 * Errors carry no copies of the schema or the data (`verbose`), which nothing reads.
 */
const OPTIONS = { allErrors: true, strict: true, validateSchema: false, verbose: false } as const;

let validate: ValidateFunction | undefined;

/**
 * Compiles the schemas once, ahead of the first document: the workspace does it when it is
 * made, so a language server pays for it while it starts rather than on the first file.
 *
 * FIXME: compiling still takes 60 to 100 ms on a small machine; ajv's standalone code
 * generation at build time would remove that start-up cost.
 */
export function prepareSchemas(): ValidateFunction {
  validate ??= compile();
  return validate;
}

/**
 * Validates configuration data against the root schema and returns every error. Validating
 * a 30-line configuration takes microseconds once the schemas are compiled.
 */
export function schemaErrors(data: unknown): ErrorObject[] {
  const check = prepareSchemas();
  return check(data) ? [] : [...(check.errors ?? [])];
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

function compile(): ValidateFunction {
  const ajv = schemaCompiler(OPTIONS);
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
