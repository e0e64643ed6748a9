// biome-ignore-all lint/suspicious/noTemplateCurlyInString: placeholders are plain strings here.
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { runInThisContext } from 'node:vm';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import {
  compileSchemas,
  PRECOMPILED_EXPORT,
  precompiledValidatorSource,
} from '../../server/src/engine/schema/schema-compiler';

/** Loads the module source the way a bundle would, resolving ajv from the project. */
function load(source: string): ValidateFunction {
  const module = { exports: {} as Record<string, unknown> };
  const wrapped = runInThisContext(`(function (require, module, exports) {${source}\n})`);
  wrapped(createRequire(__filename), module, module.exports);
  const validate = module.exports[PRECOMPILED_EXPORT];
  assert.equal(typeof validate, 'function');
  return validate as ValidateFunction;
}

function errorsOf(validate: ValidateFunction, data: unknown) {
  validate(data);
  return (validate.errors ?? []).map((error: ErrorObject) => ({
    instancePath: error.instancePath,
    keyword: error.keyword,
    params: error.params,
  }));
}

const SAMPLES: unknown[] = [
  { micronaut: { server: { ssl: { enabled: true, port: 8443, protocols: ['TLSv1.3'] } } } },
  { micronaut: { server: { ssl: { enabled: 'maybe', port: 70000, 'key-store': { pathh: 1 } } } } },
  { micronaut: { server: { ssl: { 'client-authentication': 'SOMETIMES', ciphers: 3 } } } },
  { micronaut: { ssl: { port: 'x' }, server: { port: '8080', 'max-request-size': [] } } },
  { kestra: { server: { 'basic-auth': { username: 'not an email', password: '${PW}' } } } },
  { datasources: { postgres: { url: 5, 'maximum-pool-size': 'many' } }, endpoints: 1 },
  'not a mapping',
];

describe('the precompiled validator', () => {
  test('reports what the validator compiled at start-up reports', () => {
    const precompiled = load(precompiledValidatorSource());
    const compiled = compileSchemas();
    let errors = 0;
    for (const sample of SAMPLES) {
      const expected = errorsOf(compiled, sample);
      errors += expected.length;
      assert.deepEqual(errorsOf(precompiled, sample), expected, JSON.stringify(sample));
    }
    assert.ok(errors > SAMPLES.length, 'the samples hold mistakes of every kind');
  });

  test('needs only the run-time helpers of ajv, not its compiler', () => {
    const required = [...precompiledValidatorSource().matchAll(/require\("([^"]+)"\)/g)];
    assert.ok(required.every(([, path]) => path?.startsWith('ajv/dist/runtime/')));
  });
});
