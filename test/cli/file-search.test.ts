import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { findYamlFiles } from '../../server/src/cli/find-files';
import {
  COMPOSE_WITH_MISPLACED_PORTS,
  cleanUp,
  makeFolder,
  onlyRules,
  runInProcess,
} from './support';

after(cleanUp);

describe('finding files', () => {
  test('walks folders for YAML in code-unit order, skipping node_modules and .git', async () => {
    const folder = await makeFolder({
      'b.yml': '',
      'a.yaml': '',
      'B.YML': '',
      'a-b.yml': '',
      'a/z.yml': '',
      'notes.txt': '',
      'values.yaml.bak': '',
      'node_modules/chart/values.yaml': '',
      '.git/config.yml': '',
      'deep/node_modules/x.yml': '',
      '.github/workflows/ci.yml': '',
    });

    const search = await findYamlFiles(['.'], folder);

    assert.deepEqual(
      search.files.map((file) => file.displayPath),
      ['.github/workflows/ci.yml', 'B.YML', 'a-b.yml', 'a.yaml', 'a/z.yml', 'b.yml'],
    );
    assert.deepEqual(search.missing, []);
    assert.deepEqual(search.problems, []);
  });

  test('follows links to files but not links to folders', async () => {
    const folder = await makeFolder({ 'real/compose.yml': '', 'other/values.yaml': '' });
    await fs.symlink(path.join(folder, 'other'), path.join(folder, 'real', 'linked-folder'));
    await fs.symlink(
      path.join(folder, 'other', 'values.yaml'),
      path.join(folder, 'real', 'link.yml'),
    );
    await fs.symlink(path.join(folder, 'gone.yml'), path.join(folder, 'real', 'dangling.yml'));

    const search = await findYamlFiles(['real'], folder);

    assert.deepEqual(
      search.files.map((file) => file.displayPath),
      ['real/compose.yml', 'real/link.yml'],
    );
    assert.deepEqual(search.problems, []);
  });

  test('checks a file named on the command line whatever its extension', async () => {
    const folder = await makeFolder({ 'kestra.conf': COMPOSE_WITH_MISPLACED_PORTS });

    const run = await runInProcess(
      ['check', 'kestra.conf', ...onlyRules('misplaced-property')],
      folder,
    );

    assert.match(run.stdout, /^kestra\.conf:10:11: warning misplaced-property /);
  });

  test('does not report files under node_modules or .git', async () => {
    const folder = await makeFolder({
      'node_modules/pkg/compose.yml': COMPOSE_WITH_MISPLACED_PORTS,
      '.git/compose.yml': COMPOSE_WITH_MISPLACED_PORTS,
      'compose.yml': COMPOSE_WITH_MISPLACED_PORTS,
    });

    const run = await runInProcess(['check', ...onlyRules('misplaced-property')], folder);

    assert.match(run.stdout, /^compose\.yml:10:11: /);
    assert.match(run.stdout, /1 problem \(1 warning\) in 1 file\n$/);
  });

  test('checks a file reached twice only once', async () => {
    const folder = await makeFolder({ 'compose.yml': COMPOSE_WITH_MISPLACED_PORTS });
    await fs.symlink(path.join(folder, 'compose.yml'), path.join(folder, 'same.yml'));

    const run = await runInProcess(
      ['check', '.', 'compose.yml', ...onlyRules('misplaced-property')],
      folder,
    );

    assert.equal(run.stdout.match(/misplaced-property/g)?.length, 1, run.stdout);
    assert.match(run.stdout, /^compose\.yml:10:11: /);
  });

  test('lists every missing path', async () => {
    const folder = await makeFolder({});

    const search = await findYamlFiles(['nope', 'also/nope.yml'], folder);

    assert.deepEqual(search.missing, ['nope', 'also/nope.yml']);
  });
});
