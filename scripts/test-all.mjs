// Runs every test of the project, installing first what the tests need on a fresh machine:
// Debian's openssl and a JDK (certificate checks with the real tools), chromium and
// code-server (the extension in a real VS Code). Every step runs even when an earlier one
// failed, so one run shows everything that is wrong; the exit code says whether all passed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const DEBIAN_PACKAGES = [
  { name: 'openssl', present: () => hasCommand('openssl') },
  { name: 'default-jdk-headless', present: () => hasCommand('keytool') && hasCommand('javac') },
  { name: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { name: 'libkrb5-dev', present: () => existsSync('/usr/include/gssapi/gssapi.h') },
];

const UNIT_TEST_DIRS = ['engine', 'cli', 'protocol', 'certs', 'stores', 'client'].map(
  (dir) => `out/test/${dir}`,
);
const TAP_FILE = 'out/test-results.tap';

const failures = [];
let passed = 0;
let failed = 0;

installDebianPackages();
step('install code-server', 'bash', ['scripts/install-code-server.sh']);
step('build', 'npm', ['run', 'build']);
step('type-check', 'npx', ['tsc', '-b']);
step('format and lint', 'npx', ['biome', 'ci', '.']);
runUnitTests();
runVsCodeTests();

console.log(
  `\n${failures.length === 0 ? 'All steps passed.' : `Failed steps: ${failures.join(', ')}`}`,
);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exitCode = failures.length === 0 && failed === 0 ? 0 : 1;

function installDebianPackages() {
  const missing = DEBIAN_PACKAGES.filter((pkg) => !pkg.present()).map((pkg) => pkg.name);
  if (missing.length === 0) {
    return;
  }
  if (process.getuid?.() !== 0) {
    console.error(`Missing Debian packages: ${missing.join(' ')}. Install them with apt-get.`);
    failures.push('system packages');
    return;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  step('apt-get update', 'apt-get', ['update', '-qq'], { env });
  step('install Debian packages', 'apt-get', ['install', '-y', '-qq', ...missing], { env });
}

function runUnitTests() {
  mkdirSync('out', { recursive: true });
  const dirs = UNIT_TEST_DIRS.filter((dir) => existsSync(dir));
  const args = [
    '--test',
    // A test that waits for an event that never comes fails instead of holding CI.
    '--test-timeout=120000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${TAP_FILE}`,
    ...dirs,
  ];
  // They take two minutes here; a run still going after thirty is stuck, and is stopped.
  step('unit, protocol and CLI tests', process.execPath, args, { timeoutMs: 30 * 60 * 1000 });
  const tap = existsSync(TAP_FILE) ? readFileSync(TAP_FILE, 'utf8') : '';
  passed += Number(/^# pass (\d+)$/m.exec(tap)?.[1] ?? 0);
  failed += Number(/^# fail (\d+)$/m.exec(tap)?.[1] ?? 0);
}

function runVsCodeTests() {
  const result = step('tests in a real VS Code', process.execPath, ['scripts/vscode-test.mjs'], {
    capture: true,
  });
  const summary = /^(\d+) passed, (\d+) failed$/m.exec(result.stdout ?? '');
  if (summary) {
    passed += Number(summary[1]);
    failed += Number(summary[2]);
  } else {
    failed += 1;
  }
}

function step(title, command, args, options = {}) {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, {
    stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: options.timeoutMs,
  });
  if (result.error) {
    console.log(`${title}: ${result.error.message}`);
  }
  if (options.capture && result.stdout) {
    process.stdout.write(result.stdout);
  }
  if (result.status !== 0) {
    failures.push(title);
  }
  return result;
}

function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}
