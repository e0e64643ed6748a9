import type { ValidateFunction } from 'ajv/dist/2020';

/**
 * The validator of the schemas, compiled when the server is built. A build may bundle the
 * module that `precompiledValidatorSource()` writes in place of this file, so that the server
 * does not spend 50 to 100 ms compiling the schemas while it starts. Where nothing replaces
 * it, as when tests run the TypeScript output, it is undefined and the engine compiles them.
 */
export const precompiledValidator: ValidateFunction | undefined = undefined;
