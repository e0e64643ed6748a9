import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { MAX_FILE_BYTES } from '../../server/src/cli/read-file';
import {
  COMPOSE_WITH_MISPLACED_PORTS,
  cleanUp,
  makeFolder,
  onlyRules,
  runInProcess,
} from './support';

after(cleanUp);

describe('read errors', () => {
  test('a file over the size limit is refused (status 2); the others are checked', async () => {
    const folder = await makeFolder({ 'compose.yml': COMPOSE_WITH_MISPLACED_PORTS });
    const padding = '# padding\n'.repeat(Math.ceil((MAX_FILE_BYTES + 1) / 10));
    await fs.writeFile(path.join(folder, 'huge.yml'), `micronaut:\n  server: {}\n${padding}`);

    const run = await runInProcess(['check', ...onlyRules('misplaced-property')], folder);

    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot check 'huge\.yml': it is 5\.0 MB, over the 5 MB limit/);
    assert.match(run.stdout, /^compose\.yml:10:11: warning misplaced-property /);
  });

  test('a file that cannot be opened is a read error, not a crash', async () => {
    const folder = await makeFolder({});
    await fs.symlink('loop.yml', path.join(folder, 'loop.yml'));

    const run = await runInProcess(['check', 'loop.yml'], folder);

    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot read 'loop\.yml': too many levels of symbolic links/);
  });

  test('a path that is neither a file nor a folder is refused', async () => {
    const run = await runInProcess(['check', '/dev/null'], '/');

    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot read '\/dev\/null': not a regular file or folder/);
  });
});
