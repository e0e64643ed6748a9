import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { precompiledValidator } from './precompiled-validator';

let validate: ValidateFunction | undefined;

/**
 * The validator of the schemas, compiled once ahead of the first document: the workspace
 * asks for it when it is made, so a language server pays for it while it starts rather than
 * on the first file. The bundles of the server and the CLI carry the validator precompiled
 * (scripts/build.mjs) and pay nothing; tests, which run the TypeScript output, compile it.
 */
export function prepareSchemas(): ValidateFunction {
  validate ??= precompiledValidator ?? compileSchemasNow();
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

function compileSchemasNow(): ValidateFunction {
  // Required only here, so that a build with the precompiled validator never loads the
  // compiler of ajv at all.
  const compiler = require('./schema-compiler') as typeof import('./schema-compiler');
  return compiler.compileSchemas();
}
