import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { packageInfo } from '../../server/src/cli/package-info';
import { lineHashes } from '../../server/src/cli/report/line-hash';
import { ruleDescriptions } from '../../server/src/engine';
import { githubSarifProblems } from './github-sarif';
import {
  COMPOSE_WITH_MISPLACED_PORTS,
  COMPOSE_WITH_TWO_PROBLEMS,
  cleanUp,
  makeFolder,
  onlyRules,
  REPO_ROOT,
  runInProcess,
  UNRELATED_YAML,
} from './support';

after(cleanUp);

async function sarifOf(folder: string, args: string[] = [], cwd = folder) {
  const run = await runInProcess(['check', '--format', 'sarif', ...args], cwd);
  return { run, log: JSON.parse(run.stdout) };
}

describe('sarif format', () => {
  test('meets the rules GitHub code scanning documents', async () => {
    const folder = await makeFolder({
      'compose.yml': COMPOSE_WITH_MISPLACED_PORTS,
      'two/compose.yml': COMPOSE_WITH_TWO_PROBLEMS,
      'ci.yml': UNRELATED_YAML,
    });

    const { run, log } = await sarifOf(folder);

    assert.deepEqual(githubSarifProblems(log), []);
    assert.ok(log.runs[0].results.length >= 3, 'the fixture has at least three findings');
    assert.equal(run.status, 1);
  });

  test('the GitHub check itself catches a broken log', () => {
    const broken = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'x', rules: [{ id: 'r', shortDescription: { text: 's' } }] } },
          results: [{ ruleId: 'r', ruleIndex: 1, message: { text: '' }, locations: [] }],
        },
      ],
    };

    const problems = githubSarifProblems(broken);

    for (const expected of [
      'fullDescription',
      'help.text',
      'ruleIndex',
      'message.text',
      '1 to 10',
    ]) {
      assert.ok(
        problems.some((problem) => problem.includes(expected)),
        `${expected} in ${problems}`,
      );
    }
  });

  test('describes the tool and every rule of the engine', async () => {
    const folder = await makeFolder({ 'ci.yml': UNRELATED_YAML });
    const manifest = JSON.parse(await fs.readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'));

    const { log } = await sarifOf(folder);

    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const [run] = log.runs;
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.tool.driver.name, 'kestra-tls');
    assert.equal(run.tool.driver.version, manifest.version);
    assert.equal(packageInfo().version, manifest.version);
    const rules = ruleDescriptions();
    assert.deepEqual(
      run.tool.driver.rules.map((rule: { id: string }) => rule.id),
      rules.map((rule) => rule.code),
    );
    const syntax = run.tool.driver.rules.find((rule: { id: string }) => rule.id === 'yaml-syntax');
    assert.equal(syntax.defaultConfiguration.level, 'error');
    assert.equal(
      syntax.shortDescription.text,
      rules.find((r) => r.code === 'yaml-syntax')?.summary,
    );
    assert.deepEqual(run.results, []);
  });

  test('gives every rule its section of docs/rules.md as help', async () => {
    const folder = await makeFolder({ 'ci.yml': UNRELATED_YAML });

    const { log } = await sarifOf(folder);

    for (const rule of log.runs[0].tool.driver.rules) {
      const { markdown, text } = rule.help;
      assert.match(markdown, /\*\*Why it matters\.\*\*[\s\S]*\*\*Fix\.\*\*/, rule.id);
      assert.doesNotMatch(markdown, /Default severity|Quick-fix data/, rule.id);
      assert.match(markdown, new RegExp(`--rule ${rule.id}=SEVERITY`), rule.id);
      assert.match(text, /^[^*]*Why it matters\./m, `${rule.id}: plain text without emphasis`);
      assert.ok(rule.fullDescription.text.length > rule.shortDescription.text.length, rule.id);
    }
    const usage = log.runs[0].tool.driver.rules.find(
      (rule: { id: string }) => rule.id === 'cert-usage',
    );
    assert.match(usage.fullDescription.text, /^The server certificate is unfit to serve TLS/);
    assert.match(usage.help.markdown, /`kestra-tls certs` makes one\./);
  });

  test('places a result by ruleIndex, level, 1-based region and relative URI', async () => {
    const folder = await makeFolder({ 'deploy/compose.yml': COMPOSE_WITH_MISPLACED_PORTS });

    const { log } = await sarifOf(folder, onlyRules('misplaced-property'));

    const [run] = log.runs;
    assert.equal(run.results.length, 1);
    const [result] = run.results;
    assert.equal(result.ruleId, 'misplaced-property');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'misplaced-property');
    assert.equal(result.level, 'warning');
    assert.match(result.message.text, /^`ports` /);
    assert.deepEqual(result.locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: 'deploy/compose.yml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 10, startColumn: 11, endLine: 10, endColumn: 16 },
        },
      },
    ]);
    const expectedHash = lineHashes(COMPOSE_WITH_MISPLACED_PORTS)[9];
    assert.deepEqual(result.partialFingerprints, { primaryLocationLineHash: expectedHash });
    const root = run.originalUriBaseIds['%SRCROOT%'].uri;
    assert.ok(root.startsWith('file:///') && root.endsWith('/'), root);
  });

  test('maps information and hint to note, and error to error', async () => {
    const folder = await makeFolder({ 'a.yml': COMPOSE_WITH_TWO_PROBLEMS });

    const levels = async (severity: string) => {
      const args = ['--rule', `misplaced-property=${severity}`];
      const { log } = await sarifOf(folder, [...args, ...onlyRules('misplaced-property')]);
      return log.runs[0].results.map((result: { level: string }) => result.level);
    };

    assert.deepEqual(await levels('information'), ['note']);
    assert.deepEqual(await levels('hint'), ['note']);
    assert.deepEqual(await levels('error'), ['error']);
  });

  test('encodes spaces in URIs and reports a linked file under its real path', async () => {
    const folder = await makeFolder({ 'real configs/compose.yml': COMPOSE_WITH_MISPLACED_PORTS });
    await fs.mkdir(path.join(folder, 'links'));
    await fs.symlink(
      path.join(folder, 'real configs', 'compose.yml'),
      path.join(folder, 'links', 'compose.yml'),
    );

    const { log } = await sarifOf(folder, ['links', ...onlyRules('misplaced-property')]);

    const uris = log.runs[0].results.map(
      (result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        result.locations[0]?.physicalLocation.artifactLocation.uri,
    );
    assert.deepEqual(uris, ['real%20configs/compose.yml']);
  });
});
