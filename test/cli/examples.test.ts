import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { REPO_ROOT, runInProcess } from './support';

describe('the example workspace', () => {
  test("reports the guide's misplaced ports inside KESTRA_CONFIGURATION at 68:11", async () => {
    const run = await runInProcess(['check', 'examples/'], REPO_ROOT);

    const lines = run.stdout.split('\n');
    assert.ok(
      lines.some((line) =>
        line.startsWith('examples/compose/docker-compose.yml:68:11: warning misplaced-property '),
      ),
      run.stdout,
    );
  });

  test('gives the same place in JSON, 0-based', async () => {
    const run = await runInProcess(['check', 'examples', '--format', 'json'], REPO_ROOT);

    const report = JSON.parse(run.stdout);
    const found = report.diagnostics.filter(
      (item: { file: string; code: string }) =>
        item.file === 'examples/compose/docker-compose.yml' && item.code === 'misplaced-property',
    );
    assert.deepEqual(
      found.map((item: { range: { start: unknown } }) => item.range.start),
      [{ line: 67, character: 10 }],
    );
  });
});
