import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import {
  type CertificateSet,
  type CertificateSetOptions,
  generateCertificateSet,
  writeCertificateSet,
} from '../../../server/src/certs/index';
import { StoreCache } from '../../../server/src/engine/deep/store-cache';
import { type EngineDiagnostic, Workspace } from '../../../server/src/engine/index';
import { createStoreRule } from '../../../server/src/engine/rules/stores/store-rule';
import { openStore, STORE_RULE_CODES, type StoreRuleCode } from '../../../server/src/stores/index';

/** The store password of the sets the tests generate; never a real one. */
export const PASSWORD = 'test-store-pw';

/** A temporary workspace folder that removes itself. */
export interface TempFolder {
  /** The folder, symbolic links resolved, as the language server would be given it. */
  readonly root: string;
  /** Writes a file below the folder, creating its parent folders, and returns its path. */
  write(relative: string, content: string | Uint8Array): string;
  remove(): void;
}

export function tempFolder(prefix = 'deep'): TempFolder {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), `kestra-tls-${prefix}-`)));
  return {
    root,
    write(relative, content) {
      const file = path.join(root, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Generates a set with the project's generator (RSA 2048, to keep tests quick) and writes it. */
export async function writeGeneratedSet(
  folder: string,
  options: Partial<CertificateSetOptions> = {},
): Promise<CertificateSet> {
  const set = await generateCertificateSet({ password: PASSWORD, keySize: 2048, ...options });
  await writeCertificateSet(set, folder);
  return set;
}

/** A workspace over a real folder with only the deep store rule, counting store openings. */
export interface DeepWorkspace {
  readonly workspace: Workspace;
  /** How many times a store was opened from its bytes. */
  opens(): number;
  /** Sets a file of the folder (by relative path) and returns its uri. */
  set(relative: string, text: string): string;
  /** The diagnostics of the deep codes in a file; fails when any rule failed. */
  deep(relative: string): EngineDiagnostic[];
}

export function deepWorkspace(
  root: string,
  options: { deepValidation?: boolean; certificateExpiryWarningDays?: number } = {},
): DeepWorkspace {
  let opens = 0;
  const cache = new StoreCache((bytes, passwords) => {
    opens++;
    return openStore(bytes, passwords);
  });
  const workspace = new Workspace({
    folders: [root],
    workspaceRules: [createStoreRule(cache)],
    ...options,
  });
  const uriOf = (relative: string) => URI.file(path.join(root, relative)).toString();
  return {
    workspace,
    opens: () => opens,
    set(relative, text) {
      const uri = uriOf(relative);
      workspace.setFile(uri, text);
      return uri;
    },
    deep(relative) {
      const uri = uriOf(relative);
      assert.deepEqual(workspace.failures(uri), [], 'no rule may fail');
      return deepOnly(workspace.diagnose(uri));
    },
  };
}

/** The diagnostics whose code is one of the deep store checks. */
export function deepOnly(diagnostics: readonly EngineDiagnostic[]): EngineDiagnostic[] {
  return diagnostics.filter((diagnostic) =>
    (STORE_RULE_CODES as readonly string[]).includes(diagnostic.code),
  );
}

/** `code severity` for each diagnostic, to compare whole results at once. */
export function codes(diagnostics: readonly EngineDiagnostic[]): string[] {
  return diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.severity}`).sort();
}

/** The diagnostics of one code. */
export function ofCode(
  diagnostics: readonly EngineDiagnostic[],
  code: StoreRuleCode,
): EngineDiagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === code);
}

/** Settings of the stores in a compose file's KESTRA_CONFIGURATION. */
export interface StoreLines {
  keystore?: string;
  keystoreType?: string;
  keystorePassword?: string;
  truststore?: string;
  truststoreType?: string;
  truststorePassword?: string;
  /** More lines at the top level of the configuration, such as `kestra:` settings. */
  extra?: string;
}

/**
 * A compose file running Kestra over HTTPS on 8443, published on the host, with the given
 * stores and a bind mount of `./certs` on `/app/ssl`.
 */
export function composeWithStores(stores: StoreLines, mount = './certs:/app/ssl'): string {
  const lines = [
    'services:',
    '  kestra:',
    '    image: kestra/kestra:latest',
    '    command: server standalone',
    '    ports:',
    '      - "8443:8443"',
    '    volumes:',
    `      - ${mount}`,
    '    environment:',
    '      KESTRA_CONFIGURATION: |',
    '        micronaut:',
    '          server:',
    '            ssl:',
    '              enabled: true',
    '              port: 8443',
    ...storeBlock('key-store', stores.keystore, stores.keystoreType, stores.keystorePassword),
    ...storeBlock(
      'trust-store',
      stores.truststore,
      stores.truststoreType,
      stores.truststorePassword,
    ),
    ...(stores.extra ?? '')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => `        ${line}`),
  ];
  return `${lines.join('\n')}\n`;
}

function storeBlock(
  name: string,
  file: string | undefined,
  type: string | undefined,
  password: string | undefined,
): string[] {
  if (file === undefined) {
    return [];
  }
  return [
    `              ${name}:`,
    `                path: ${file}`,
    ...(type === undefined ? [] : [`                type: ${type}`]),
    ...(password === undefined ? [] : [`                password: "${password}"`]),
  ];
}

/** The text a diagnostic's range covers, for one-line ranges. */
export function coveredText(text: string, diagnostic: EngineDiagnostic): string {
  const { start, end } = diagnostic.range;
  assert.equal(start.line, end.line, 'the range stays on one line');
  return (text.split('\n')[start.line] ?? '').slice(start.character, end.character);
}

const PACKAGE_OF_TOOL: Readonly<Record<string, string>> = {
  openssl: 'openssl',
  keytool: 'default-jdk-headless',
};

/**
 * Runs openssl or keytool in a folder. A missing tool fails the test with the Debian
 * package to install: these tests are never skipped.
 */
export function runTool(tool: 'openssl' | 'keytool', args: string[], cwd: string): string {
  try {
    return execFileSync(tool, args, { cwd, encoding: 'utf8', stdio: 'pipe', timeout: 120_000 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      const name = PACKAGE_OF_TOOL[tool];
      throw new Error(`${tool} is not installed: apt-get install -y ${name} to run this test.`);
    }
    throw new Error(`${tool} ${args.join(' ')} failed: ${failure.stderr ?? failure.message}`);
  }
}

/**
 * Runs a command line of openssl or keytool, split at white space (no quoting: keep every
 * argument free of spaces), as a guide would show it.
 */
export function runCommand(line: string, cwd: string): string {
  const [tool, ...args] = line.trim().split(/\s+/);
  assert.ok(tool === 'openssl' || tool === 'keytool', `not a command of the recipe: ${tool}`);
  return runTool(tool, args, cwd);
}
