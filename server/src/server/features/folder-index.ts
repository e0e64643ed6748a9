import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import {
  FileChangeType,
  type FileEvent,
  type TextDocuments,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../../engine/index';
import { walkYamlFiles } from '../../files/find-yaml-files';
import { DiskFiles, errorMessage, indexedMegabytes, type LoadTally } from '../disk-files';
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

/** What one scan did, for its line in the log. */
interface ScanTally extends LoadTally {
  /** Files found, open ones included: their text comes from the editor. */
  found: number;
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
  private readonly files: DiskFiles;
  /** Paths of files that changed on disk and wait to be read. */
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly workspace: Workspace,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly diagnostics: Rechecker,
    private readonly logger: Logger,
    options: FolderIndexOptions,
  ) {
    this.folders = [...options.folders];
    const maxFiles = options.maxFiles ?? MAX_INDEXED_FILES;
    this.files = new DiskFiles(workspace, logger, this.folders, maxFiles);
  }

  /** Follows documents opening and closing; call it before the connection listens. */
  register(): void {
    this.documents.onDidOpen(({ document }) => {
      this.guard(`Opening ${document.uri}`, () => this.files.opened(document.uri));
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
      } else if (!this.files.isOpen(change.uri)) {
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
    const outside = this.files.outsideFolders();
    this.changeNow(outside, () => {
      for (const uri of outside) {
        this.files.drop(uri);
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
    // FIXME: only YAML files count toward the limit, so a folder as large as a home folder,
    // with few YAML files, is listed whole before the scan ends; nothing skips build output.
    for await (const fsPath of walkYamlFiles(folder, unlistable)) {
      // A folder removed from the workspace while it is read is read no further.
      if (!this.folders.includes(folder)) {
        return;
      }
      if (this.files.size + batch.length >= this.files.maxFiles) {
        tally.capped = true;
        break;
      }
      batch.push(fsPath);
      tally.found++;
      if (batch.length === READ_BATCH_SIZE) {
        await this.files.load(batch, tally);
        batch = [];
      }
    }
    await this.files.load(batch, tally);
  }

  private closed(uri: string): void {
    const canonical = canonicalUri(uri);
    this.files.closed(uri);
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
      for (const fsPath of this.files.paths()) {
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
      if (this.files.size + this.pending.size >= this.files.maxFiles) {
        this.files.logCap();
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
        changed.push(...(await this.files.load(paths.slice(start, start + READ_BATCH_SIZE))));
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
      tally.tooLarge > 0 ? `${tally.tooLarge} over ${indexedMegabytes()} MB left out` : '',
      tally.unreadable > 0 ? `${tally.unreadable} unreadable` : '',
      tally.unlistable > 0 ? `${tally.unlistable} folders that could not be listed` : '',
    ].filter(Boolean);
    const indexed = tally.found - tally.tooLarge - tally.unreadable;
    this.logger.info(
      `Indexed ${indexed} YAML files of ${folders} workspace folder(s) in ` +
        `${milliseconds.toFixed(0)} ms${notes.length > 0 ? ` (${notes.join('; ')})` : ''}.`,
    );
    if (tally.capped) {
      this.files.logCap();
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
