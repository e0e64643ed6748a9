import os from 'node:os';
import { FIRST_CHANGE_DELAY_MS } from '../server/src/server/features/diagnostics';
import { benchCerts } from './certs';
import { generateComposeFile } from './compose-file';
import { generateKubernetesManifest } from './kubernetes-manifest';
import { middleOf, runScenario, type Scenario, type ScenarioResult } from './language-server';
import { median, percentile } from './statistics';

const RUNS = 7;
const EDITS_PER_RUN = 5;

/** What users should feel, from the project's goals. */
const GOALS = { openMs: 250, editMs: 60, memoryMb: 150 };

function scenarios(): Scenario[] {
  const manifest = generateKubernetesManifest(200);
  const compose = generateComposeFile(100);
  return [
    {
      title: 'Kubernetes manifest, 200 documents',
      uri: 'file:///bench/kestra-manifest.yaml',
      text: manifest,
      editAt: middleOf(manifest, 'port: 8443'),
    },
    {
      title: 'compose file, 100 services with a 30-line KESTRA_CONFIGURATION each',
      uri: 'file:///bench/docker-compose.yml',
      text: compose,
      editAt: middleOf(compose, 'port: 8443'),
    },
  ];
}

function report(scenario: Scenario, result: ScenarioResult): string[] {
  const lines = scenario.text.split('\n').length - 1;
  const kilobytes = Buffer.byteLength(scenario.text) / 1024;
  const peakMb = Math.max(...result.memory.map((memory) => memory.peakRss)) / 2 ** 20;
  const rssMb = median(result.memory.map((memory) => memory.rss)) / 2 ** 20;
  return [
    `${scenario.title}: ${lines} lines, ${kilobytes.toFixed(0)} kB, ` +
      `${result.diagnostics} diagnostics`,
    `${row('open to diagnostics', median(result.openMs), 'ms', GOALS.openMs)}  in a started server`,
    `  ${'server start to first'.padEnd(25)} ${figure(median(result.startToFirstMs), 'ms')}` +
      '  diagnostics of a file open as the server starts, engine cold; no goal',
    row('edit to diagnostics', median(result.editMs), 'ms', GOALS.editMs) +
      `  p90 ${percentile(result.editMs, 90).toFixed(1)} ms, server check ` +
      `${median(result.editCheckMs).toFixed(1)} ms, delay ${FIRST_CHANGE_DELAY_MS} ms`,
    row('typing to diagnostics', median(result.typeMs), 'ms', GOALS.editMs) +
      `  p90 ${percentile(result.typeMs, 90).toFixed(1)} ms, server check ` +
      `${median(result.typeCheckMs).toFixed(1)} ms`,
    Number.isFinite(peakMb)
      ? row('server memory, peak RSS', peakMb, 'MB', GOALS.memoryMb) +
        `  RSS after edits ${rssMb.toFixed(1)} MB`
      : '  server memory: not measured (no /proc on this system)',
  ];
}

function row(label: string, value: number, unit: string, goal: number): string {
  const verdict = value <= goal ? 'PASS' : 'MISS';
  return `  ${label.padEnd(25)} ${figure(value, unit)}  goal <= ${goal} ${unit}  ${verdict}`;
}

function figure(value: number, unit: string): string {
  return `${value.toFixed(1).padStart(7)} ${unit.padEnd(2)}`;
}

/** Timings mean little without the machine's state: other processes slow every figure. */
function loadAverage(): string {
  const averages = os.loadavg().map((average) => average.toFixed(1));
  return `load average ${averages.join(' ')}`;
}

async function main(): Promise<void> {
  process.stdout.write(
    `machine: ${os.availableParallelism()} cores, Node ${process.version}, ${loadAverage()}\n`,
  );
  process.stdout.write(
    `language server: median of ${RUNS} runs, each a fresh server over stdio; ` +
      `${EDITS_PER_RUN} digits replaced, then ${EDITS_PER_RUN} characters typed, a run\n`,
  );
  for (const scenario of scenarios()) {
    const result = await runScenario(scenario, RUNS, EDITS_PER_RUN);
    process.stdout.write(`${report(scenario, result).join('\n')}\n`);
  }
  process.stdout.write(`${loadAverage()} after the language server runs\n`);
  process.stdout.write(`${(await benchCerts(RUNS)).join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exitCode = 1;
});
