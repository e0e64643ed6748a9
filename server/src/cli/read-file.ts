import * as fs from 'node:fs/promises';
import { describeFileError } from './file-errors';
import type { FoundFile } from './find-files';

/**
 * Files larger than this are refused: configuration files are a few kilobytes, and a
 * multi-megabyte YAML file is generated data whose analysis would only slow CI down.
 */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A file read from disk, ready for the engine. */
export interface ReadFile extends FoundFile {
  /** The path with every symbolic link resolved, which SARIF consumers ask for. */
  realPath: string;
  /** The bytes decoded as UTF-8, byte-order mark included, as other tools hash them. */
  rawText: string;
  /** The text given to the engine: without a byte-order mark, as editors present it. */
  text: string;
}

export type ReadResult = { ok: true; file: ReadFile } | { ok: false; problem: string };

/** Reads one file, refusing what is not a regular file or is over MAX_FILE_BYTES. */
export async function readYamlFile(found: FoundFile): Promise<ReadResult> {
  const shown = found.displayPath;
  let handle: fs.FileHandle | undefined;
  try {
    const realPath = await fs.realpath(found.absolutePath);
    handle = await fs.open(realPath, 'r');
    // The size is taken from the open handle, so a file swapped in between is not read.
    const stats = await handle.stat();
    if (!stats.isFile()) {
      return { ok: false, problem: `cannot read '${shown}': not a regular file` };
    }
    if (stats.size > MAX_FILE_BYTES) {
      return { ok: false, problem: tooLarge(shown, stats.size) };
    }
    const rawText = (await handle.readFile()).toString('utf8');
    const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
    return { ok: true, file: { ...found, realPath, rawText, text } };
  } catch (error) {
    return { ok: false, problem: `cannot read '${shown}': ${describeFileError(error)}` };
  } finally {
    await handle?.close();
  }
}

function tooLarge(shown: string, size: number): string {
  const megabytes = (size / (1024 * 1024)).toFixed(1);
  const limit = MAX_FILE_BYTES / (1024 * 1024);
  return `cannot check '${shown}': it is ${megabytes} MB, over the ${limit} MB limit for a file`;
}
