import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { precompiledValidator } from './precompiled-validator';

let validate: ValidateFunction | undefined;

/**
 * The validator of the schemas, compiled once ahead of the first document: the workspace
 * asks for it when it is made, so a language server pays for it while it starts rather than
 * on the first file. A build that bundles the precompiled validator pays nothing.
 *
 * FIXME: the build does not bundle the precompiled validator yet, so the server still
 * compiles the schemas when it starts: 50 to 100 ms on a small machine.
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
