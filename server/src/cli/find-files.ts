import type { Dirent } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { describeFileError } from './file-errors';

/** A file to check, by absolute path and by the path users read in reports. */
export interface FoundFile {
  absolutePath: string;
  /** Relative to the working directory with forward slashes, or absolute when given so. */
  displayPath: string;
}

/** The files found under the paths given on the command line, and what went wrong. */
export interface FileSearch {
  files: FoundFile[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
  /** Paths that exist but could not be read or listed, each with the reason. */
  problems: string[];
}

// Dependency and version-control folders hold other people's YAML, never the project's.
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * Finds the YAML files under the given paths, sorted by the path users read. A file named
 * on the command line is checked whatever its name; folders are walked for `*.yml` and
 * `*.yaml`. Symbolic links to folders met while walking are not followed, so a link cycle
 * cannot loop.
 */
export async function findYamlFiles(paths: readonly string[], cwd: string): Promise<FileSearch> {
  const search: FileSearch = { files: [], missing: [], problems: [] };
  for (const given of paths) {
    const absolutePath = path.resolve(cwd, given);
    const display = (file: string) => displayPath(file, cwd, path.isAbsolute(given));
    let stats: Awaited<ReturnType<typeof fs.stat>>;
    try {
      stats = await fs.stat(absolutePath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        search.missing.push(given);
      } else {
        search.problems.push(`cannot read '${given}': ${describeFileError(error)}`);
      }
      continue;
    }
    if (stats.isDirectory()) {
      await walkFolder(absolutePath, display, search);
    } else if (stats.isFile()) {
      search.files.push({ absolutePath, displayPath: display(absolutePath) });
    } else {
      search.problems.push(`cannot read '${given}': not a regular file or folder`);
    }
  }
  search.files.sort((a, b) => compareCodeUnits(a.displayPath, b.displayPath));
  return search;
}

async function walkFolder(
  folder: string,
  display: (file: string) => string,
  search: FileSearch,
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    search.problems.push(`cannot list '${display(folder)}': ${describeFileError(error)}`);
    return;
  }
  entries.sort((a, b) => compareCodeUnits(a.name, b.name));
  for (const entry of entries) {
    const entryPath = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) {
        await walkFolder(entryPath, display, search);
      }
    } else if (isYamlName(entry.name) && (await isFileOrLinkToFile(entry, entryPath))) {
      search.files.push({ absolutePath: entryPath, displayPath: display(entryPath) });
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

function isYamlName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.yml') || lower.endsWith('.yaml');
}

/**
 * The path users read: relative to the working directory with forward slashes, except for
 * files outside it that were reached from an absolute path, which stay absolute.
 */
export function displayPath(absolutePath: string, cwd: string, givenAbsolute: boolean): string {
  const relative = path.relative(cwd, absolutePath);
  const outside =
    relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  const shown = outside && givenAbsolute ? absolutePath : relative || '.';
  return shown.split(path.sep).join('/');
}

/** Orders strings by UTF-16 code units, the same on every machine whatever its locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
