import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from '../../server/src/cli/certs-command';

/** Debian package that brings each external tool the proofs run. */
const PACKAGE_OF_TOOL: Record<string, string> = {
  openssl: 'openssl',
  keytool: 'default-jdk-headless',
  java: 'default-jdk-headless',
};

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs an external tool and resolves with its exit code and output, whatever the code.
 * A missing tool is a failure with the package to install: these proofs are never skipped.
 */
export function runTool(
  tool: 'openssl' | 'keytool' | 'java',
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(
      tool,
      args,
      { cwd: options.cwd, env: { ...process.env, ...options.env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = (error as NodeJS.ErrnoException | null)?.code;
        if (code === 'ENOENT') {
          reject(
            new Error(
              `${tool} is not installed: install the Debian package ${PACKAGE_OF_TOOL[tool]} ` +
                `(apt-get install -y ${PACKAGE_OF_TOOL[tool]}) to run this test.`,
            ),
          );
          return;
        }
        const exitCode = error ? (typeof code === 'number' ? code : 1) : 0;
        resolve({ code: exitCode, stdout, stderr });
      },
    );
  });
}

/** A fresh temporary folder; remove it with removeFolder. */
export function makeTempFolder(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `kestra-tls-${prefix}-`));
}

export function removeFolder(folder: string): Promise<void> {
  return fs.rm(folder, { recursive: true, force: true });
}

/** A CliIo whose output is collected in memory. */
export interface CapturedIo {
  io: CliIo;
  stdout(): string;
  stderr(): string;
}

export function captureIo(
  options: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): CapturedIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  return {
    io: {
      stdout,
      stderr,
      stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
      env: options.env ?? {},
      cwd: options.cwd ?? os.tmpdir(),
    },
    stdout: () => Buffer.concat(out).toString('utf8'),
    stderr: () => Buffer.concat(err).toString('utf8'),
  };
}

/** Reads every file of a folder into a map from name to bytes. */
export async function readFolder(folder: string): Promise<Map<string, Buffer>> {
  const names = (await fs.readdir(folder)).sort();
  const entries = await Promise.all(
    names.map(async (name) => [name, await fs.readFile(path.join(folder, name))] as const),
  );
  return new Map(entries);
}

/** Where the Java probe's source sits, from the compiled test's folder. */
export const TLS_PROBE_SOURCE = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'test',
  'certs',
  'java',
  'TlsProbe.java',
);
