import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../../server/src/cli/run-cli';
import { ruleDescriptions } from '../../server/src/engine';
import { cleanUp, makeFolder, REPO_ROOT, runInProcess, UNRELATED_YAML } from './support';

after(cleanUp);

describe('command line', () => {
  test('an unknown rule code is a usage error naming the valid codes', async () => {
    const folder = await makeFolder({ 'ci.yml': UNRELATED_YAML });

    const run = await runInProcess(['check', '--rule', 'no-such-rule=error'], folder);

    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown rule 'no-such-rule'/);
    for (const rule of ruleDescriptions()) {
      assert.ok(run.stderr.includes(rule.code), `${rule.code} named in: ${run.stderr}`);
    }
    assert.equal(run.stdout, '');
  });

  test('an unknown severity is a usage error naming the valid severities', async () => {
    const folder = await makeFolder({ 'ci.yml': UNRELATED_YAML });

    const run = await runInProcess(['check', '--rule', 'misplaced-property=fatal'], folder);

    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown severity 'fatal'.*error, warning, information, hint, off/);
  });

  test('a --rule without = is a usage error', async () => {
    const run = await runInProcess(['check', '--rule', 'misplaced-property'], REPO_ROOT);

    assert.equal(run.status, 2);
    assert.match(run.stderr, /--rule expects CODE=SEVERITY/);
  });

  test('an unknown format or option is a usage error', async () => {
    const format = await runInProcess(['check', '--format', 'xml'], REPO_ROOT);
    const option = await runInProcess(['check', '--colour'], REPO_ROOT);

    assert.equal(format.status, 2);
    assert.match(format.stderr, /unknown format 'xml'; valid formats: text, json, sarif/);
    assert.equal(option.status, 2);
    assert.match(option.stderr, /--colour/);
    assert.match(option.stderr, /kestra-tls check --help/);
  });

  test('--help and --version answer on stdout with status 0', async () => {
    const manifest = JSON.parse(await fs.readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'));

    const help = await runInProcess(['--help'], REPO_ROOT);
    const checkHelp = await runInProcess(['check', '--help'], REPO_ROOT);
    const version = await runInProcess(['--version'], REPO_ROOT);

    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: kestra-tls <command>/);
    assert.equal(checkHelp.status, 0);
    assert.match(checkHelp.stdout, /^Usage: kestra-tls check \[PATH\.\.\.\]/);
    assert.match(checkHelp.stdout, /--rule CODE=SEVERITY/);
    assert.equal(version.status, 0);
    assert.equal(version.stdout, `${manifest.version}\n`);
  });

  test('no command or an unknown one is a usage error', async () => {
    const none = await runInProcess([], REPO_ROOT);
    const unknown = await runInProcess(['lint'], REPO_ROOT);

    assert.equal(none.status, 2);
    assert.match(none.stderr, /^Usage: kestra-tls/);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command 'lint'; valid commands: check, certs/);
  });

  test('routes certs to the certificate command', async () => {
    const run = await runInProcess(['certs', '--help'], REPO_ROOT);

    assert.equal(run.status, 0);
    assert.match(run.stdout, /kestra-tls certs/);
  });

  test('turns an unexpected failure into one line on stderr and status 2', async () => {
    const folder = await makeFolder({ 'ci.yml': UNRELATED_YAML });
    const failingStdout = {
      write(): boolean {
        throw new Error('disk full\nsecond line');
      },
    } as unknown as NodeJS.WritableStream;
    const stderr: string[] = [];
    const io = {
      stdout: failingStdout,
      stderr: { write: (text: string) => stderr.push(text) > 0 } as NodeJS.WritableStream,
      stdin: process.stdin,
      env: {},
      cwd: folder,
    };

    const quiet = await runCli(['check'], io);
    const quietText = stderr.splice(0).join('');
    const debug = await runCli(['--debug', 'check'], io);
    const debugText = stderr.join('');

    assert.equal(quiet, 2);
    assert.equal(quietText, 'kestra-tls: internal error: disk full\n');
    assert.equal(debug, 2);
    assert.match(debugText, /^kestra-tls: internal error: disk full\nError: disk full\n/);
    assert.match(debugText, /\n\s+at /, 'the stack is printed under --debug');
  });
});
