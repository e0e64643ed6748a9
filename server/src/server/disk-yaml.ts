import * as fs from 'node:fs/promises';

/**
 * YAML files larger than this are left out of the index of the workspace folders: the
 * configuration files the rules read weigh a few kilobytes, and analysing a generated
 * megabyte of YAML on every start would only delay the diagnostics users wait for.
 */
export const MAX_INDEXED_BYTES = 1024 * 1024;

/** What reading a workspace file gave. */
export type DiskYaml =
  | { kind: 'text'; text: string }
  | { kind: 'missing' }
  | { kind: 'too-large'; size: number }
  | { kind: 'unreadable'; error: unknown };

/**
 * Reads a YAML file of the workspace, refusing what is not a regular file or is over
 * MAX_INDEXED_BYTES. A byte-order mark is dropped, as editors drop it, so that the ranges
 * of a file read here match those of the same file opened in the editor.
 */
export async function readDiskYaml(fsPath: string): Promise<DiskYaml> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(fsPath, 'r');
    // The size is taken from the open handle, so a file swapped in between is not read.
    const stats = await handle.stat();
    if (!stats.isFile()) {
      return { kind: 'missing' };
    }
    if (stats.size > MAX_INDEXED_BYTES) {
      return { kind: 'too-large', size: stats.size };
    }
    const bytes = await handle.readFile();
    // The file may have grown since its size was taken.
    if (bytes.length > MAX_INDEXED_BYTES) {
      return { kind: 'too-large', size: bytes.length };
    }
    const text = bytes.toString('utf8');
    return { kind: 'text', text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { kind: 'missing' };
    }
    return { kind: 'unreadable', error };
  } finally {
    await handle?.close();
  }
}
