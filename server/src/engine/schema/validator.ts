import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { ROOT_SCHEMA_ID, SCHEMA_FILES } from './schema-files';
import { CUSTOM_KEYWORDS } from './schema-node';

/**
 * The user name pattern of Kestra's BasicAuthService. It is laxer than RFC 5321 (it takes
 * `admin@localhost`), and the schema's `email` format means what Kestra accepts.
 */
const KESTRA_EMAIL = /^[a-zA-Z0-9_!#$%&'*+/=?`{|}~^.-]+@[a-zA-Z0-9.-]+$/;

let validate: ValidateFunction | undefined;

/**
 * Validates configuration data against the root schema and returns every error. The schemas
 * are compiled on first use and once only; validating a 30-line configuration then takes
 * microseconds.
 *
 * FIXME: compiling takes 150 to 400 ms on a small machine, paid by the first document
 * checked; ajv's standalone code generation at build time would remove that delay.
 */
export function schemaErrors(data: unknown): ErrorObject[] {
  validate ??= compile();
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

function compile(): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
  ajv.addVocabulary(CUSTOM_KEYWORDS);
  ajv.addFormat('email', KESTRA_EMAIL);
  for (const schema of SCHEMA_FILES.values()) {
    ajv.addSchema(schema);
  }
  const root = ajv.getSchema(ROOT_SCHEMA_ID);
  if (!root) {
    throw new Error(`The schema ${ROOT_SCHEMA_ID} is missing`);
  }
  return root;
}
