// Bundles the extension client, the language server and the CLI with esbuild.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

/**
 * The schemas' validator as ajv's standalone code, generated once here so that the server
 * and the CLI do not compile the schemas each time they start.
 */
async function precompiledValidatorSource() {
  const compiler = await build({
    ...common,
    sourcemap: false,
    minify: false,
    entryPoints: ['server/src/engine/schema/schema-compiler.ts'],
    write: false,
  });
  const folder = mkdtempSync(join(tmpdir(), 'kestra-tls-build-'));
  try {
    const file = join(folder, 'schema-compiler.cjs');
    writeFileSync(file, compiler.outputFiles[0].text);
    return require(file).precompiledValidatorSource();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const validatorSource = await precompiledValidatorSource();

/** Bundles the precompiled validator in place of the module that stands for it. */
const precompiledValidator = {
  name: 'precompiled-validator',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]schema[\\/]precompiled-validator\.ts$/ }, (args) => ({
      contents: validatorSource,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

/** The rules page in place of the module that reads it, for SARIF's rule help. */
const rulesPage = {
  name: 'rules-page',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]cli[\\/]report[\\/]rules-page\.ts$/ }, async () => ({
      contents: `export function rulesPage() { return ${JSON.stringify(
        await readFile('docs/rules.md', 'utf8'),
      )}; }`,
      loader: 'js',
    }));
  },
};

/**
 * Bundles yaml's platform-neutral build rather than its Node build. They are the same
 * parser, but the Node build reads a debugging switch from `process.env` for every token,
 * and each read goes through Node's environment lookup: opening a 10,000-line manifest took
 * a sixth longer for those reads alone.
 */
const yamlWithoutEnvironmentLookups = {
  name: 'yaml-without-environment-lookups',
  setup(bundler) {
    const entry = join(dirname(require.resolve('yaml/package.json')), 'browser', 'index.js');
    bundler.onResolve({ filter: /^yaml$/ }, () => ({ path: entry }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
  }),
  build({
    ...common,
    entryPoints: ['server/src/server/main.ts'],
    outfile: 'dist/server.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [precompiledValidator, yamlWithoutEnvironmentLookups],
  }),
  build({
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [precompiledValidator, yamlWithoutEnvironmentLookups, rulesPage],
  }),
]);
