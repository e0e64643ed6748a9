import * as assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { runCheckCommand } from '../../server/src/cli/check-command';
import { Workspace } from '../../server/src/engine';
import type { Finding } from '../../server/src/engine/rules/finding';
import { documentRules } from '../../server/src/engine/rules/index';
import type { DocumentRule } from '../../server/src/engine/rules/rule';
import {
  COMPOSE_WITH_MISPLACED_PORTS,
  captureIo,
  cleanUp,
  makeFolder,
  onlyRules,
  runInProcess,
  UNRELATED_YAML,
} from './support';

after(cleanUp);

describe('exit status and rule severities', () => {
  test('is 0 when only warnings were found', async () => {
    const folder = await makeFolder({ 'compose.yml': COMPOSE_WITH_MISPLACED_PORTS });

    const run = await runInProcess(['check', ...onlyRules('misplaced-property')], folder);

    assert.match(run.stdout, / warning misplaced-property /);
    assert.equal(run.status, 0);
  });

  test('is 1 when --rule turns the warning into an error', async () => {
    const folder = await makeFolder({ 'compose.yml': COMPOSE_WITH_MISPLACED_PORTS });

    const run = await runInProcess(
      ['check', '--rule', 'misplaced-property=error', ...onlyRules('misplaced-property')],
      folder,
    );

    assert.match(run.stdout, /^compose\.yml:10:11: error misplaced-property /);
    assert.match(run.stdout, /1 problem \(1 error\) in 1 file\n$/);
    assert.equal(run.status, 1);
  });

  test('drops a rule set to off', async () => {
    const folder = await makeFolder({ 'compose.yml': COMPOSE_WITH_MISPLACED_PORTS });

    const run = await runInProcess(
      ['check', '--rule', 'misplaced-property=off', ...onlyRules('misplaced-property')],
      folder,
    );

    assert.equal(run.stdout, 'No problems found in 1 file.\n');
    assert.equal(run.status, 0);
  });

  test('lets a later --rule for the same code win', async () => {
    const folder = await makeFolder({ 'compose.yml': COMPOSE_WITH_MISPLACED_PORTS });

    const run = await runInProcess(
      [
        'check',
        '--rule=misplaced-property=error',
        '--rule',
        'misplaced-property=hint',
        ...onlyRules('misplaced-property'),
      ],
      folder,
    );

    assert.match(run.stdout, / hint misplaced-property /);
    assert.match(run.stdout, /1 problem \(1 hint\) in 1 file/);
    assert.equal(run.status, 0);
  });

  test('is 2 for a path that does not exist, naming it, and checks nothing', async () => {
    const folder = await makeFolder({ 'compose.yml': COMPOSE_WITH_MISPLACED_PORTS });

    const run = await runInProcess(['check', 'compose.yml', 'no-such-folder'], folder);

    assert.equal(run.status, 2);
    assert.match(run.stderr, /'no-such-folder' does not exist/);
    assert.equal(run.stdout, '');
  });

  test('gives nothing for YAML that is not Kestra, whatever the severities', async () => {
    const folder = await makeFolder({ 'ci.yml': UNRELATED_YAML });

    const run = await runInProcess(['check', '--rule', 'yaml-syntax=error'], folder);

    assert.equal(run.stdout, 'No problems found in 1 file.\n');
    assert.equal(run.status, 0);
  });
});

describe('a failing rule', () => {
  const brokenRule: DocumentRule = {
    rules: [{ code: 'always-fails', defaultSeverity: 'error', summary: 'Fails on purpose.' }],
    check(): Finding[] {
      throw new Error('rule bug\n    at somewhere');
    },
  };
  const createWorkspace = () => new Workspace({ documentRules: [...documentRules, brokenRule] });

  test('makes the check incomplete: status 2, the other findings still reported', async () => {
    const folder = await makeFolder({ 'compose.yml': COMPOSE_WITH_MISPLACED_PORTS });
    const io = captureIo(folder);

    const status = await runCheckCommand(onlyRules('misplaced-property', 'always-fails'), io, {
      createWorkspace,
    });

    assert.equal(status, 2);
    assert.equal(
      io.stderrText(),
      "kestra-tls check: a rule failed on 'compose.yml', so the check is incomplete: " +
        'always-fails: Error: rule bug\n',
    );
    assert.match(io.stdoutText(), /^compose\.yml:10:11: warning misplaced-property /);
  });
});
