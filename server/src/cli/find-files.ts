import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { compareCodeUnits, walkYamlFiles } from '../files/find-yaml-files';
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
  const unlistable = (unlisted: string, error: unknown) => {
    search.problems.push(`cannot list '${display(unlisted)}': ${describeFileError(error)}`);
  };
  for await (const file of walkYamlFiles(folder, unlistable)) {
    search.files.push({ absolutePath: file, displayPath: display(file) });
  }
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
