import type { Dirent } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Folders whose YAML is never the project's own: dependencies and version control. Both the
 * command line and the language server leave them out, so that both see the same files.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** True for a `*.yml` or `*.yaml` name, whatever its case. */
export function isYamlName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.yml') || lower.endsWith('.yaml');
}

/**
 * True when `fsPath` lies in a skipped folder below `folder`, such as
 * `node_modules/chart/values.yaml`: a file the walk would never have found.
 */
export function isInSkippedFolder(folder: string, fsPath: string): boolean {
  const segments = path.relative(folder, fsPath).split(path.sep);
  return segments.slice(0, -1).some((segment) => SKIPPED_FOLDERS.has(segment));
}

/** Called for each folder that could not be listed; the walk goes on without it. */
export type UnlistableFolder = (folder: string, error: unknown) => void;

/**
 * The `*.yml` and `*.yaml` files under `folder`, as absolute paths in code-unit order,
 * skipping SKIPPED_FOLDERS. Symbolic links to files are followed; links to folders are not,
 * so a link cycle cannot loop. Files come one by one as folders are listed, so a caller
 * that has enough stops the walk by leaving its loop.
 */
export async function* walkYamlFiles(
  folder: string,
  onUnlistable: UnlistableFolder = () => {},
): AsyncGenerator<string, void, undefined> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    onUnlistable(folder, error);
    return;
  }
  entries.sort((a, b) => compareCodeUnits(a.name, b.name));
  for (const entry of entries) {
    const entryPath = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) {
        yield* walkYamlFiles(entryPath, onUnlistable);
      }
    } else if (isYamlName(entry.name) && (await isFileOrLinkToFile(entry, entryPath))) {
      yield entryPath;
    }
  }
}

async function isFileOrLinkToFile(entry: Dirent, entryPath: string): Promise<boolean> {
  if (entry.isFile()) {
    return true;
  }
  if (!entry.isSymbolicLink()) {
    return false;
  }
  // A dangling link found while walking is not the user's request, so it is skipped quietly.
  return fs.stat(entryPath).then(
    (stats) => stats.isFile(),
    () => false,
  );
}

/** Orders strings by UTF-16 code units, the same on every machine whatever its locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
