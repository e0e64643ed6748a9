// Bundles the extension client, the language server and the CLI with esbuild.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

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
    return createRequire(import.meta.url)(file).precompiledValidatorSource();
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
    plugins: [precompiledValidator],
  }),
  build({
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [precompiledValidator],
  }),
]);
