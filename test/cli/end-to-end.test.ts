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
function runBundled(
  args: readonly string[],
  cwd: string,
  nodeOptions: readonly string[] = [],
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeOptions, CLI, ...args], {
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
    const [syntax] = log.runs[0].tool.driver.rules;
    assert.match(
      syntax.help.markdown,
      /\*\*Why it matters\.\*\*/,
      'the bundle carries the rules page',
    );
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /'nowhere' does not exist/);
  });

  test('does not read the environment for each YAML token', async () => {
    // Each read of process.env goes through Node's environment lookup; yaml's Node build
    // makes one per token, which made large files markedly slower to check.
    const services = Array.from({ length: 50 }, (_, index) =>
      COMPOSE_WITH_MISPLACED_PORTS.replace('services:\n', '').replace(
        'kestra:',
        `kestra-${index}:`,
      ),
    );
    const folder = await makeFolder({
      'compose.yml': `services:\n${services.join('')}`,
      'count-reads.js': COUNT_ENVIRONMENT_READS,
    });

    const run = await runBundled(['check'], folder, ['--require', './count-reads.js']);

    const reads = Number(/environment reads: (\d+)/.exec(run.stderr)?.[1]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /compose\.yml:\d+:\d+: warning misplaced-property/);
    assert.ok(reads < 200, `${reads} reads of process.env for a 500-line file`);
  });
});

/** A preload that counts the reads of process.env and prints their number at exit. */
const COUNT_ENVIRONMENT_READS = `
let reads = 0;
const environment = process.env;
process.env = new Proxy(environment, {
  get(target, key) {
    reads += 1;
    return Reflect.get(target, key);
  },
});
process.on('exit', () => process.stderr.write('environment reads: ' + reads + '\\n'));
`;
