import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import {
  BROKEN_KESTRA_CONFIG,
  COMPOSE_WITH_MISPLACED_PORTS,
  COMPOSE_WITH_TWO_PROBLEMS,
  cleanUp,
  makeFolder,
  onlyRules,
  runInProcess,
  UNRELATED_YAML,
} from './support';

after(cleanUp);

describe('text format', () => {
  test('prints path:line:column: severity code message, sorted, then a summary', async () => {
    const folder = await makeFolder({
      'b/compose.yml': COMPOSE_WITH_TWO_PROBLEMS,
      'a.yml': COMPOSE_WITH_MISPLACED_PORTS,
      'ci.yml': UNRELATED_YAML,
    });

    const run = await runInProcess(
      ['check', ...onlyRules('yaml-syntax', 'misplaced-property')],
      folder,
    );

    const lines = run.stdout.split('\n');
    assert.equal(lines.length, 5, run.stdout);
    assert.match(lines[0] ?? '', /^a\.yml:10:11: warning misplaced-property `ports` \S/);
    assert.match(lines[1] ?? '', /^b\/compose\.yml:7:11: warning misplaced-property `ports` /);
    // The parser may notice the broken flow sequence on its line or the next one.
    assert.match(lines[2] ?? '', /^b\/compose\.yml:1[45]:\d+: error yaml-syntax \S/);
    assert.equal(lines[3], '3 problems (1 error, 2 warnings) in 2 files');
    assert.equal(lines[4], '', 'the report ends with a newline');
    assert.equal(run.stderr, '');
  });

  test('says when nothing was found, counting the files checked', async () => {
    const folder = await makeFolder({ 'ci.yml': UNRELATED_YAML, 'more/ci.yaml': UNRELATED_YAML });

    const run = await runInProcess(['check'], folder);

    assert.equal(run.stdout, 'No problems found in 2 files.\n');
    assert.equal(run.status, 0);
  });

  test('says when there was no YAML file at all', async () => {
    const folder = await makeFolder({ 'README.md': '# nothing here\n' });

    const run = await runInProcess(['check', '.'], folder);

    assert.equal(run.stdout, 'No YAML files to check.\n');
    assert.equal(run.status, 0);
  });

  test('counts columns in UTF-16 code units, as LSP and SARIF do', async () => {
    const line = `      KESTRA_CONFIGURATION: '{"kestra": {"note": "🔒🔒", "ports": [8443]}}'`;
    const compose = [
      'services:',
      '  kestra:',
      '    image: kestra/kestra:latest',
      '    environment:',
      line,
      '',
    ].join('\n');
    const folder = await makeFolder({ 'compose.yml': compose });

    const run = await runInProcess(['check', ...onlyRules('misplaced-property')], folder);

    // Each lock is two UTF-16 code units but one code point: the columns differ by two.
    const utf16Column = line.indexOf('"ports"') + 1;
    assert.equal([...line.slice(0, utf16Column - 1)].length + 1, utf16Column - 2);
    assert.match(
      run.stdout,
      new RegExp(`^compose\\.yml:5:${utf16Column}: warning misplaced-property`),
    );
  });

  test('shows paths relative to the working directory, with forward slashes', async () => {
    const folder = await makeFolder({
      'deploy/compose/docker-compose.yml': COMPOSE_WITH_MISPLACED_PORTS,
    });
    const absoluteFile = path.join(folder, 'deploy', 'compose', 'docker-compose.yml');

    const fromRoot = await runInProcess(['check', absoluteFile], folder);
    const fromInside = await runInProcess(
      ['check', '../compose'],
      path.join(folder, 'deploy', 'compose'),
    );
    const fromElsewhere = await runInProcess(['check', absoluteFile], path.join(folder, 'deploy'));

    assert.match(fromRoot.stdout, /^deploy\/compose\/docker-compose\.yml:10:11: /);
    assert.match(fromInside.stdout, /^docker-compose\.yml:10:11: /);
    assert.match(fromElsewhere.stdout, /^compose\/docker-compose\.yml:10:11: /);
  });

  test('keeps an absolute path absolute for a file outside the working directory', async () => {
    const folder = await makeFolder({ 'compose.yml': COMPOSE_WITH_MISPLACED_PORTS });
    const elsewhere = await makeFolder({});
    const absoluteFile = path.join(folder, 'compose.yml');

    const run = await runInProcess(['check', absoluteFile], elsewhere);

    const shown = absoluteFile.split(path.sep).join('/');
    assert.ok(run.stdout.startsWith(`${shown}:10:11: `), run.stdout);
  });

  test('reports a syntax error in a Kestra file and nothing in another YAML file', async () => {
    const folder = await makeFolder({
      'application.yml': BROKEN_KESTRA_CONFIG,
      'ci.yml': UNRELATED_YAML,
    });

    const run = await runInProcess(['check'], folder);

    const reported = run.stdout.split('\n').filter((line) => /^\S+:\d+:\d+: /.test(line));
    assert.ok(reported.length > 0, run.stdout);
    for (const line of reported) {
      assert.ok(line.startsWith('application.yml:'), line);
    }
    assert.ok(
      reported.some((line) => / error yaml-syntax /.test(line)),
      run.stdout,
    );
    assert.equal(run.status, 1, 'a YAML syntax error is a finding, not a read error');
  });
});
