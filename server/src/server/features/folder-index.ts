import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  FileChangeType,
  type FileEvent,
  type TextDocuments,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../../engine/index';
import { walkYamlFiles } from '../../files/find-yaml-files';
import { type DiskYaml, MAX_INDEXED_BYTES, readDiskYaml } from '../disk-yaml';
import { describeError, type Logger } from '../logger';
import {
  canonicalUri,
  fileUri,
  indexedPath,
  pathsOfFolders,
  walkedPath,
} from '../workspace-folders';

/**
 * The most YAML files read from the workspace folders. A monorepo can hold tens of
 * thousands (test fixtures, other products' charts); reading them all would take the
 * server's memory and delay the first checks for little gain.
 * FIXME: the engine builds its deployment index again from every file after each edit, so
 * a large workspace slows every check: about 30 ms more per edit with 3,000 YAML files of
 * other applications, about 300 ms with 3,000 Kestra files.
 */
export const MAX_INDEXED_FILES = 5000;

/**
 * How long the index waits after a file changes on disk before reading it. A branch switch
 * or a generator changes many files within milliseconds; they are read, and the documents
 * that depend on them checked, once.
 */
export const DISK_CHANGE_DELAY_MS = 50;

/** Files read at once; the server answers requests between two batches. */
const READ_BATCH_SIZE = 16;

/** What the index asks of the diagnostics: checking open documents again. */
export interface Rechecker {
  recheck(uris: Iterable<string>): void;
  recheckAll(): void;
}

/** Options of the index; tests lower the limit to reach it. */
export interface FolderIndexOptions {
  /** The workspace folders, as file system paths. */
  folders: readonly string[];
  maxFiles?: number;
}

/** One read of a file, numbered so that only the latest read of a file is applied. */
interface DiskRead {
  uri: string;
  fsPath: string;
  generation: number;
  result: DiskYaml;
}

/** What one scan did, for its line in the log. */
interface ScanTally {
  /** Files found, open ones included: their text comes from the editor. */
  found: number;
  /** Files whose text was read from disk into the engine. */
  loaded: number;
  tooLarge: number;
  unreadable: number;
  unlistable: number;
  capped: boolean;
}

/**
 * Keeps the YAML files of the workspace folders in the engine, open or not, so that the
 * checks across files see a Service, a Secret or a compose override that the editor has not
 * opened, as the CLI does. The editor's text of an open document always wins over the
 * disk's; once the document closes, its saved version takes its place. After a change, the
 * open documents that depend on the changed file are checked again.
 */
export class FolderIndexFeature {
  private readonly folders: string[];
  private readonly maxFiles: number;
  /** Files whose text in the engine was read from disk, rather than given by the editor. */
  private readonly fromDisk = new Map<string, string>();
  /** Canonical URIs of the open documents. */
  private readonly open = new Set<string>();
  private readonly generations = new Map<string, number>();
  /** Paths of files that changed on disk and wait to be read. */
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private capLogged = false;

  constructor(
    private readonly workspace: Workspace,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly diagnostics: Rechecker,
    private readonly logger: Logger,
    options: FolderIndexOptions,
  ) {
    this.folders = [...options.folders];
    this.maxFiles = options.maxFiles ?? MAX_INDEXED_FILES;
  }

  /** Follows documents opening and closing; call it before the connection listens. */
  register(): void {
    this.documents.onDidOpen(({ document }) => {
      this.guard(`Opening ${document.uri}`, () => this.opened(document.uri));
    });
    this.documents.onDidClose(({ document }) => {
      this.guard(`Closing ${document.uri}`, () => this.closed(document.uri));
    });
  }

  /**
   * Reads every YAML file of `folders` into the engine, a batch at a time so that the server
   * keeps answering meanwhile, then checks the open documents again once.
   */
  async scan(folders: readonly string[] = this.folders): Promise<void> {
    if (folders.length === 0) {
      return;
    }
    const started = performance.now();
    const tally: ScanTally = {
      found: 0,
      loaded: 0,
      tooLarge: 0,
      unreadable: 0,
      unlistable: 0,
      capped: false,
    };
    try {
      for (const folder of folders) {
        await this.scanFolder(folder, tally);
        if (tally.capped) {
          break;
        }
      }
    } catch (error) {
      this.logger.error(`Reading the workspace folders failed: ${describeError(error)}`);
    }
    this.logScan(folders.length, tally, performance.now() - started);
    if (tally.loaded > 0) {
      this.diagnostics.recheckAll();
    }
  }

  /**
   * Takes in the changes a file watcher reports. Changes of indexed files are read after
   * DISK_CHANGE_DELAY_MS; the others are returned, for the caller to handle.
   */
  filesChanged(changes: readonly FileEvent[]): FileEvent[] {
    const others: FileEvent[] = [];
    for (const change of changes) {
      const fsPath = indexedPath(change.uri, this.folders);
      if (fsPath === undefined) {
        others.push(change);
        this.pathChanged(change);
      } else if (!this.open.has(canonicalUri(change.uri))) {
        // An open document's text comes from the editor: saving it changes nothing here.
        this.queue(fsPath);
      }
    }
    return others;
  }

  /**
   * Follows workspace folders added or removed: files of a removed folder leave the engine
   * unless open, and an added folder is read as at start.
   */
  async foldersChanged(event: WorkspaceFoldersChangeEvent): Promise<void> {
    const removed = new Set(pathsOfFolders(event.removed));
    const added = pathsOfFolders(event.added).filter((folder) => !this.folders.includes(folder));
    const kept = this.folders.filter((folder) => !removed.has(folder));
    this.folders.splice(0, this.folders.length, ...kept, ...added);
    const outside = [...this.fromDisk.keys()].filter((uri) => !indexedPath(uri, this.folders));
    this.changeNow(outside, () => {
      for (const uri of outside) {
        this.drop(uri);
      }
    });
    await this.scan(added);
  }

  private async scanFolder(folder: string, tally: ScanTally): Promise<void> {
    const unlistable = (unlisted: string, error: unknown) => {
      tally.unlistable++;
      this.logger.debug(`Could not list ${unlisted}: ${errorMessage(error)}`);
    };
    let batch: string[] = [];
    for await (const fsPath of walkYamlFiles(folder, unlistable)) {
      // A folder removed from the workspace while it is read is read no further.
      if (!this.folders.includes(folder)) {
        return;
      }
      if (this.fromDisk.size + batch.length >= this.maxFiles) {
        tally.capped = true;
        break;
      }
      batch.push(fsPath);
      tally.found++;
      if (batch.length === READ_BATCH_SIZE) {
        await this.load(batch, tally);
        batch = [];
      }
    }
    await this.load(batch, tally);
  }

  /** Reads files and puts them in the engine; returns those whose text there changed. */
  private async load(paths: readonly string[], tally?: ScanTally): Promise<string[]> {
    if (paths.length === 0) {
      return [];
    }
    const reads = await Promise.all(paths.map((fsPath) => this.read(fsPath)));
    const changed = reads.filter((read) => this.apply(read, tally)).map((read) => read.uri);
    // Analysing a batch takes the thread; requests waiting meanwhile are answered now.
    await nextTurn();
    return changed;
  }

  private async read(fsPath: string): Promise<DiskRead> {
    const uri = fileUri(fsPath);
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    return { uri, fsPath, generation, result: await readDiskYaml(fsPath) };
  }

  /** Puts what a read gave into the engine; true when the file's text there changed. */
  private apply(read: DiskRead, tally: ScanTally | undefined): boolean {
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
      this.logger.debug(`${uri} is left out of the index: it is over ${megabytes()} MB.`);
    } else if (result.kind === 'unreadable') {
      if (tally) {
        tally.unreadable++;
      }
      this.logger.warn(`${uri} could not be read: ${errorMessage(result.error)}`);
    }
    return this.drop(uri);
  }

  /** Takes a file out of the engine; true when it was there. */
  private drop(uri: string): boolean {
    this.fromDisk.delete(uri);
    const held = this.workspace.hasFile(uri);
    this.workspace.deleteFile(uri);
    return held;
  }

  private opened(uri: string): void {
    const canonical = canonicalUri(uri);
    this.open.add(canonical);
    // From now on the editor gives the text; a read of the disk on its way is not applied.
    this.fromDisk.delete(canonical);
    if (canonical !== uri) {
      // The same file under the disk's spelling of its URI would count twice.
      this.workspace.deleteFile(canonical);
    }
  }

  private closed(uri: string): void {
    const canonical = canonicalUri(uri);
    this.open.delete(canonical);
    const fsPath = indexedPath(canonical, this.folders);
    if (fsPath !== undefined) {
      // The saved version takes the place of the editor's text, which may hold unsaved edits.
      this.queue(fsPath);
    }
    if (fsPath === undefined || canonical !== uri) {
      this.changeNow([uri], () => this.workspace.deleteFile(uri));
    }
  }

  /**
   * A folder moved into or out of the workspace may come as one event for the folder and
   * none for the YAML files it holds: those are read, or dropped, here.
   */
  private pathChanged(change: FileEvent): void {
    const changedPath = walkedPath(change.uri, this.folders);
    if (changedPath === undefined) {
      return;
    }
    if (change.type === FileChangeType.Deleted) {
      const prefix = `${changedPath}${path.sep}`;
      for (const fsPath of this.fromDisk.values()) {
        if (fsPath.startsWith(prefix)) {
          this.queue(fsPath);
        }
      }
    } else if (change.type === FileChangeType.Created) {
      this.readCreatedFolder(changedPath).catch((error: unknown) => {
        this.logger.error(`Reading the new folder ${changedPath} failed: ${describeError(error)}`);
      });
    }
  }

  private async readCreatedFolder(folder: string): Promise<void> {
    const stats = await fs.stat(folder).catch(() => undefined);
    if (!stats?.isDirectory()) {
      return;
    }
    for await (const fsPath of walkYamlFiles(folder)) {
      if (this.fromDisk.size + this.pending.size >= this.maxFiles) {
        this.logCap();
        return;
      }
      this.queue(fsPath);
    }
  }

  private queue(fsPath: string): void {
    this.pending.add(fsPath);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, DISK_CHANGE_DELAY_MS);
  }

  /** Reads the files that changed, then checks the open documents that depend on them. */
  private async flush(): Promise<void> {
    const paths = [...this.pending];
    this.pending.clear();
    try {
      // The documents that depended on a file before it changed may depend on it no more.
      const affected = this.dependentsOf(paths.map(fileUri));
      const changed: string[] = [];
      for (let start = 0; start < paths.length; start += READ_BATCH_SIZE) {
        changed.push(...(await this.load(paths.slice(start, start + READ_BATCH_SIZE))));
      }
      if (changed.length > 0) {
        this.diagnostics.recheck(new Set([...affected, ...this.dependentsOf(changed)]));
      }
    } catch (error) {
      this.logger.error(`Reading changed files failed: ${describeError(error)}`);
    }
  }

  /** Makes a change to the engine, then checks the documents that depended on `uris`. */
  private changeNow(uris: readonly string[], change: () => void): void {
    if (uris.length === 0) {
      return;
    }
    const affected = this.dependentsOf(uris);
    change();
    this.diagnostics.recheck(new Set([...affected, ...this.dependentsOf(uris)]));
  }

  private dependentsOf(uris: readonly string[]): Set<string> {
    return new Set(uris.flatMap((uri) => this.workspace.dependents(uri)));
  }

  private logScan(folders: number, tally: ScanTally, milliseconds: number): void {
    const notes = [
      tally.tooLarge > 0 ? `${tally.tooLarge} over ${megabytes()} MB left out` : '',
      tally.unreadable > 0 ? `${tally.unreadable} unreadable` : '',
      tally.unlistable > 0 ? `${tally.unlistable} folders that could not be listed` : '',
    ].filter(Boolean);
    const indexed = tally.found - tally.tooLarge - tally.unreadable;
    this.logger.info(
      `Indexed ${indexed} YAML files of ${folders} workspace folder(s) in ` +
        `${milliseconds.toFixed(0)} ms${notes.length > 0 ? ` (${notes.join('; ')})` : ''}.`,
    );
    if (tally.capped) {
      this.logCap();
    }
  }

  private logCap(): void {
    if (!this.capLogged) {
      this.capLogged = true;
      this.logger.warn(
        `The workspace folders hold more than ${this.maxFiles} YAML files; the others are ` +
          'not read, so checks across files see them only once they are opened.',
      );
    }
  }

  /** Runs a reaction to an editor event; a failure is logged, never thrown at the editor. */
  private guard(action: string, react: () => void): void {
    try {
      react();
    } catch (error) {
      this.logger.error(`${action} failed: ${describeError(error)}`);
    }
  }
}

function megabytes(): number {
  return MAX_INDEXED_BYTES / (1024 * 1024);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
