import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Workspace } from '../engine/index';
import { type DiskYaml, MAX_INDEXED_BYTES, readDiskYaml } from './disk-yaml';
import type { Logger } from './logger';
import { canonicalUri, fileUri, indexedPath } from './workspace-folders';

/** What loading files did, counted for the line a scan writes in the log. */
export interface LoadTally {
  /** Files whose text was read from disk into the engine. */
  loaded: number;
  tooLarge: number;
  unreadable: number;
}

/** One read of a file, numbered so that only the latest read of a file is applied. */
interface DiskRead {
  uri: string;
  fsPath: string;
  generation: number;
  result: DiskYaml;
}

/**
 * The files of the engine whose text comes from disk, beside the open documents whose text
 * comes from the editor. Reads of one file may overlap (a scan and a change on disk); only
 * the latest is applied, and never over an open document's text.
 */
export class DiskFiles {
  /** Files read from disk, by canonical URI, to their path. */
  private readonly fromDisk = new Map<string, string>();
  /** Canonical URIs of the open documents. */
  private readonly open = new Set<string>();
  private readonly generations = new Map<string, number>();
  private capLogged = false;

  /** `folders` is the index's own list, which changes as folders are added and removed. */
  constructor(
    private readonly workspace: Workspace,
    private readonly logger: Logger,
    private readonly folders: readonly string[],
    readonly maxFiles: number,
  ) {}

  /** How many files are held from disk. */
  get size(): number {
    return this.fromDisk.size;
  }

  /** The paths of the files held from disk. */
  paths(): IterableIterator<string> {
    return this.fromDisk.values();
  }

  isOpen(uri: string): boolean {
    return this.open.has(canonicalUri(uri));
  }

  /** The files held from disk that are no longer inside a workspace folder. */
  outsideFolders(): string[] {
    return [...this.fromDisk.keys()].filter((uri) => !indexedPath(uri, this.folders));
  }

  /** The editor gives the text of `uri` from now on; a read of the disk is not applied. */
  opened(uri: string): void {
    const canonical = canonicalUri(uri);
    this.open.add(canonical);
    this.fromDisk.delete(canonical);
    if (canonical !== uri) {
      // The same file under the disk's spelling of its URI would count twice.
      this.workspace.deleteFile(canonical);
    }
  }

  closed(uri: string): void {
    this.open.delete(canonicalUri(uri));
  }

  /**
   * Reads files and puts them in the engine, then lets the server answer what waited
   * meanwhile. Returns the URIs whose text in the engine changed.
   */
  async load(paths: readonly string[], tally?: LoadTally): Promise<string[]> {
    if (paths.length === 0) {
      return [];
    }
    const reads = await Promise.all(paths.map((fsPath) => this.read(fsPath)));
    const changed = reads.filter((read) => this.apply(read, tally)).map((read) => read.uri);
    await nextTurn();
    return changed;
  }

  /** Takes a file out of the engine; true when it was there. */
  drop(uri: string): boolean {
    this.fromDisk.delete(uri);
    const held = this.workspace.hasFile(uri);
    this.workspace.deleteFile(uri);
    return held;
  }

  /** Says once that the limit was reached: files past it are not read. */
  logCap(): void {
    if (!this.capLogged) {
      this.capLogged = true;
      this.logger.warn(
        `The workspace folders hold more than ${this.maxFiles} YAML files; the others are ` +
          'not read, so checks across files see them only once they are opened.',
      );
    }
  }

  private async read(fsPath: string): Promise<DiskRead> {
    const uri = fileUri(fsPath);
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    return { uri, fsPath, generation, result: await readDiskYaml(fsPath) };
  }

  /** Puts what a read gave into the engine; true when the file's text there changed. */
  private apply(read: DiskRead, tally: LoadTally | undefined): boolean {
    const { uri, result } = read;
    // A newer read of the file is on its way, or the editor's text wins.
    if (this.generations.get(uri) !== read.generation || this.open.has(uri)) {
      return false;
    }
    if (result.kind === 'text' && indexedPath(uri, this.folders) !== undefined) {
      if (!this.fromDisk.has(uri) && this.fromDisk.size >= this.maxFiles) {
        this.logCap();
        return false;
      }
      const changed = this.workspace.file(uri)?.text !== result.text;
      this.workspace.setFile(uri, result.text);
      this.fromDisk.set(uri, read.fsPath);
      if (tally) {
        tally.loaded++;
      }
      return changed;
    }
    if (result.kind === 'too-large') {
      if (tally) {
        tally.tooLarge++;
      }
      this.logger.debug(`${uri} is left out of the index: it is over ${indexedMegabytes()} MB.`);
    } else if (result.kind === 'unreadable') {
      if (tally) {
        tally.unreadable++;
      }
      this.logger.warn(`${uri} could not be read: ${errorMessage(result.error)}`);
    }
    return this.drop(uri);
  }
}

/** The size limit of an indexed file, in megabytes, as the log says it. */
export function indexedMegabytes(): number {
  return MAX_INDEXED_BYTES / (1024 * 1024);
}

/** The message of an error from the file system, without its stack. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
