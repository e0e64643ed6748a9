import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { type CliIo, runCli } from '../../server/src/cli/run-cli';
import { ruleDescriptions } from '../../server/src/engine';

/** The repository root, three folders above out/test/cli where the compiled tests run. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** What one in-process run of the command line produced. */
export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `kestra-tls ARGS` in-process with `cwd` as working directory, capturing its output. */
export async function runInProcess(args: readonly string[], cwd: string): Promise<CliRun> {
  const io = captureIo(cwd);
  const status = await runCli(args, io);
  return { status, stdout: io.stdoutText(), stderr: io.stderrText() };
}

/** Streams for one in-process run, with what was written to them. */
export interface CapturedIo extends CliIo {
  stdoutText(): string;
  stderrText(): string;
}

/** Makes streams that keep what the command writes, with an empty environment. */
export function captureIo(cwd: string): CapturedIo {
  const stdout = new TextSink();
  const stderr = new TextSink();
  return {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: {},
    cwd,
    stdoutText: () => stdout.text,
    stderrText: () => stderr.text,
  };
}

class TextSink extends Writable {
  text = '';

  override _write(chunk: Buffer | string, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/**
 * Creates a temporary folder holding `files` (relative path to content) and returns its
 * path; `cleanUp` removes every folder made so far.
 */
export async function makeFolder(files: Record<string, string>): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'kestra-tls-cli-'));
  made.push(folder);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(folder, name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
  return folder;
}

const made: string[] = [];

/** Removes the folders made by makeFolder; call it from an `after` hook. */
export async function cleanUp(): Promise<void> {
  await Promise.all(
    made.splice(0).map((folder) => fs.rm(folder, { recursive: true, force: true })),
  );
}

/**
 * A compose file whose KESTRA_CONFIGURATION nests compose `ports` under `kestra:`: one
 * misplaced-property warning on `ports`, line 10, columns 11 to 15 (LSP line 9, 10 to 15).
 */
export const COMPOSE_WITH_MISPLACED_PORTS = `services:
  kestra:
    image: kestra/kestra:latest
    environment:
      KESTRA_CONFIGURATION: |
        micronaut:
          server:
            port: 8443
        kestra:
          ports:
            - "8443:8443"
`;

/** A Kestra configuration file that is not valid YAML: a yaml-syntax error. */
export const BROKEN_KESTRA_CONFIG = `micronaut:
  server:
    ssl:
      enabled: true
      key-store: [unclosed
kestra:
  url: https://kestra.example.com/
`;

/** A Kestra configuration file with nothing wrong. */
export const CLEAN_KESTRA_CONFIG = `micronaut:
  server:
    port: 8080
kestra:
  url: http://localhost:8080/
`;

/** A YAML file that has nothing to do with Kestra, and even has a syntax error. */
export const UNRELATED_YAML = `name: build
on: [push
jobs:
  test:
    runs-on: ubuntu-latest
    ports: 1
`;

/**
 * A compose file where the engine finds a syntax error (second service, line 14 or 15)
 * before a misplaced property (first service, line 7), so the report must sort them.
 */
export const COMPOSE_WITH_TWO_PROBLEMS = `services:
  first:
    image: kestra/kestra:latest
    environment:
      KESTRA_CONFIGURATION: |
        kestra:
          ports:
            - "8443:8443"
  second:
    image: kestra/kestra:latest
    environment:
      KESTRA_CONFIGURATION: |
        micronaut:
          server: [broken
`;

/**
 * `--rule CODE=off` for every rule but `codes`, so that exact assertions on a report do not
 * change when the engine learns new rules.
 */
export function onlyRules(...codes: string[]): string[] {
  return ruleDescriptions()
    .filter((rule) => !codes.includes(rule.code))
    .flatMap((rule) => ['--rule', `${rule.code}=off`]);
}
