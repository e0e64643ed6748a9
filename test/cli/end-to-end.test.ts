import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  type CliRun,
  COMPOSE_WITH_MISPLACED_PORTS,
  cleanUp,
  makeFolder,
  REPO_ROOT,
} from './support';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

/** Runs the bundled `node dist/cli.js ARGS` as users and CI do. */
function runBundled(args: readonly string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status: status ?? -1, stdout, stderr }));
  });
}

/**
 * `--rule CODE=off` for every rule of the bundle but `codes`. The rule list comes from the
 * bundle's own SARIF, because a bundle built earlier may know other rules than out/.
 */
async function onlyBundledRules(...codes: string[]): Promise<string[]> {
  const empty = await makeFolder({});
  const run = await runBundled(['check', '--format', 'sarif'], empty);
  const rules: { id: string }[] = JSON.parse(run.stdout).runs[0].tool.driver.rules;
  return rules
    .filter((rule) => !codes.includes(rule.id))
    .flatMap((rule) => ['--rule', `${rule.id}=off`]);
}

after(cleanUp);

describe('the bundled command line', () => {
  before(() => {
    if (!fs.existsSync(CLI)) {
      throw new Error(`${CLI} is missing: run \`npm run build\` before these tests`);
    }
  });

  test('checks a folder and sets the exit status', async () => {
    const folder = await makeFolder({ 'compose.yml': COMPOSE_WITH_MISPLACED_PORTS });

    const others = await onlyBundledRules('misplaced-property');
    const warning = await runBundled(['check', ...others], folder);
    const error = await runBundled(
      ['check', '--rule', 'misplaced-property=error', ...others],
      folder,
    );

    assert.equal(warning.status, 0, warning.stderr);
    assert.match(warning.stdout, /^compose\.yml:10:11: warning misplaced-property /);
    assert.equal(error.status, 1, error.stderr);
  });

  test('writes SARIF, and exits 2 on a missing path', async () => {
    const folder = await makeFolder({ 'compose.yml': COMPOSE_WITH_MISPLACED_PORTS });

    const sarif = await runBundled(['check', '--format', 'sarif'], folder);
    const missing = await runBundled(['check', 'nowhere'], folder);

    const log = JSON.parse(sarif.stdout);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].tool.driver.name, 'kestra-tls');
    assert.ok(log.runs[0].tool.driver.version.length > 0, 'the bundle finds its package.json');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /'nowhere' does not exist/);
  });
});
