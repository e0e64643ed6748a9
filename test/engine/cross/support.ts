import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import {
  type EngineDiagnostic,
  Workspace,
  type WorkspaceFileSystem,
} from '../../../server/src/engine/index';

/** The workspace folder the tests pretend to work in. */
export const FOLDER = path.resolve('/srv/kestra-project');

/** The repository root, from the compiled test's folder (out/test/engine/cross). */
export const REPOSITORY = path.resolve(__dirname, '../../../..');

/** The uri of a file of the test workspace, by its path relative to the folder. */
export function uriOf(relative: string): string {
  return URI.file(path.join(FOLDER, relative)).toString();
}

/** A disk that holds the given files, of which some are git-ignored. */
export class FakeFileSystem implements WorkspaceFileSystem {
  readonly asked: string[] = [];

  constructor(
    private readonly files: readonly string[] = [],
    private readonly ignored: readonly string[] = [],
  ) {}

  exists(fsPath: string): boolean {
    this.asked.push(fsPath);
    return this.files.some((file) => path.join(FOLDER, file) === fsPath);
  }

  isIgnored(fsPath: string): boolean {
    return this.ignored.some((folder) => fsPath.startsWith(path.join(FOLDER, folder)));
  }
}

/** A workspace of the given files, keyed by their path relative to the folder. */
export function workspaceOf(
  files: Record<string, string>,
  fileSystem: WorkspaceFileSystem = new FakeFileSystem(),
): Workspace {
  const workspace = new Workspace({ folders: [FOLDER], fileSystem });
  for (const [relative, text] of Object.entries(files)) {
    workspace.setFile(uriOf(relative), text);
  }
  return workspace;
}

/**
 * Asserts that the diagnostics of every file equal those of a workspace that reads the same
 * texts afresh: whatever an edited workspace kept from before, it must report the same.
 */
export function assertAsFresh(
  workspace: Workspace,
  files: Record<string, string>,
  fileSystem: WorkspaceFileSystem = new FakeFileSystem(),
): void {
  const fresh = workspaceOf(files, fileSystem);
  for (const relative of Object.keys(files)) {
    assert.deepEqual(
      workspace.diagnose(uriOf(relative)),
      fresh.diagnose(uriOf(relative)),
      `diagnostics of ${relative}`,
    );
  }
}

/** The diagnostics of one rule code in one file. */
export function findings(workspace: Workspace, relative: string, code: string): EngineDiagnostic[] {
  return workspace.diagnose(uriOf(relative)).filter((diagnostic) => diagnostic.code === code);
}

/** The diagnostics of every rule code in every file, as `file:line code` lines, sorted. */
export function summary(workspace: Workspace, relatives: readonly string[]): string[] {
  return relatives
    .flatMap((relative) =>
      workspace
        .diagnose(uriOf(relative))
        .map((diagnostic) => `${relative}:${diagnostic.range.start.line + 1} ${diagnostic.code}`),
    )
    .sort();
}

/** The text a diagnostic's range covers in the given text. */
export function coveredText(text: string, diagnostic: EngineDiagnostic): string {
  const lines = text.split('\n');
  const { start, end } = diagnostic.range;
  if (start.line === end.line) {
    return (lines[start.line] ?? '').slice(start.character, end.character);
  }
  const middle = lines.slice(start.line + 1, end.line);
  return [
    (lines[start.line] ?? '').slice(start.character),
    ...middle,
    (lines[end.line] ?? '').slice(0, end.character),
  ].join('\n');
}

/** Reads a file of the repository, such as an example or a fixture. */
export function repositoryFile(relative: string): string {
  return readFileSync(path.join(REPOSITORY, relative), 'utf8');
}

/**
 * A compose file with one Kestra service. `configuration` is the text of
 * KESTRA_CONFIGURATION without indentation; `service` holds more lines of the service.
 */
export function composeFile(configuration: string, service = ''): string {
  const indented = configuration
    .trim()
    .split('\n')
    .map((line) => `        ${line}`)
    .join('\n');
  return `services:
  kestra:
    image: kestra/kestra:latest
    command: server standalone
${service.replace(/\n$/, '')}
    environment:
      KESTRA_CONFIGURATION: |
${indented}
`;
}
