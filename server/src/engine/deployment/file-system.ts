import {
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  readFileSync,
  realpathSync,
  statSync,
} from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** What tells one version of a file on disk from the next, and where it really is. */
export interface FileStamp {
  /** True for a regular file; false for a folder or anything else. */
  isFile: boolean;
  size: number;
  mtimeMs: number;
  /** The path with every symbolic link resolved. */
  realPath: string;
}

/**
 * What the cross-checks may ask of the disk: whether a host file exists and whether git
 * ignores it; the checks that open keystores also read files. Tests give a fake; the
 * default reads the disk.
 */
export interface WorkspaceFileSystem {
  exists(fsPath: string): boolean;
  isIgnored(fsPath: string): boolean;
  /** The stamp of a file or folder, or undefined when there is none. */
  stat?(fsPath: string): FileStamp | undefined;
  /** The bytes of a regular file, or undefined when it is unreadable or over `maxBytes`. */
  readFile?(fsPath: string, maxBytes: number): Uint8Array | undefined;
}

/**
 * The disk as the cross-checks see it. `.gitignore` files are read once per folder, from
 * the workspace folder (or the git root) down to the file's folder. Answers are kept until
 * `clear`, which the language server calls when its file watcher reports a change: the
 * cross-checks run on every keystroke and must not ask the disk each time.
 */
export class NodeFileSystem implements WorkspaceFileSystem {
  private readonly rulesByFolder = new Map<string, Ignore | null>();
  private readonly existing = new Map<string, boolean>();
  /** Whether git ignores a path: finding a file's git root asks the disk at every level. */
  private readonly ignored = new Map<string, boolean>();
  private readonly stamps = new Map<string, FileStamp | undefined>();

  constructor(private readonly folders: readonly string[] = []) {}

  exists(fsPath: string): boolean {
    let found = this.existing.get(fsPath);
    if (found === undefined) {
      found = existsSync(fsPath);
      this.existing.set(fsPath, found);
    }
    return found;
  }

  stat(fsPath: string): FileStamp | undefined {
    if (!this.stamps.has(fsPath)) {
      this.stamps.set(fsPath, readStamp(fsPath));
    }
    return this.stamps.get(fsPath);
  }

  readFile(fsPath: string, maxBytes: number): Uint8Array | undefined {
    let descriptor: number | undefined;
    try {
      descriptor = openSync(fsPath, 'r');
      const stats = fstatSync(descriptor);
      // The size is checked before reading, so a huge file is never loaded.
      if (!stats.isFile() || stats.size > maxBytes) {
        return undefined;
      }
      const bytes = readFileSync(descriptor);
      return bytes.length > maxBytes ? undefined : new Uint8Array(bytes);
    } catch {
      return undefined;
    } finally {
      if (descriptor !== undefined) {
        closeSync(descriptor);
      }
    }
  }

  isIgnored(fsPath: string): boolean {
    let ignored = this.ignored.get(fsPath);
    if (ignored === undefined) {
      ignored = this.readIgnored(fsPath);
      this.ignored.set(fsPath, ignored);
    }
    return ignored;
  }

  /** Forgets what was read of the disk so far: `.gitignore` files, existence and stamps. */
  clear(): void {
    this.rulesByFolder.clear();
    this.existing.clear();
    this.ignored.clear();
    this.stamps.clear();
  }

  private readIgnored(fsPath: string): boolean {
    const root = this.rootOf(fsPath);
    if (root === undefined) {
      return false;
    }
    // Each .gitignore applies to paths relative to its own folder, so test them one by one.
    for (const folder of foldersBetween(root, path.dirname(fsPath))) {
      const rules = this.rulesOf(folder);
      const relative = path.relative(folder, fsPath).split(path.sep).join('/');
      if (rules && relative !== '' && rules.ignores(relative)) {
        return true;
      }
    }
    return false;
  }

  private rootOf(fsPath: string): string | undefined {
    const folder = this.folders.find((candidate) => isInside(candidate, fsPath));
    if (folder !== undefined) {
      return folder;
    }
    for (let current = path.dirname(fsPath); ; current = path.dirname(current)) {
      if (existsSync(path.join(current, '.git'))) {
        return current;
      }
      if (path.dirname(current) === current) {
        return undefined;
      }
    }
  }

  private rulesOf(folder: string): Ignore | null {
    let rules = this.rulesByFolder.get(folder);
    if (rules === undefined) {
      rules = readIgnoreFile(path.join(folder, '.gitignore'));
      this.rulesByFolder.set(folder, rules);
    }
    return rules;
  }
}

function readIgnoreFile(file: string): Ignore | null {
  try {
    return ignore().add(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** The folders from `root` down to `folder`, both included, outermost first. */
function foldersBetween(root: string, folder: string): string[] {
  const folders: string[] = [];
  for (let current = folder; isInside(root, current); current = path.dirname(current)) {
    folders.unshift(current);
    if (current === root || path.dirname(current) === current) {
      break;
    }
  }
  return folders;
}

/** True when `fsPath` is `folder` or lies under it. */
export function isInside(folder: string, fsPath: string): boolean {
  const relative = path.relative(folder, fsPath);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function readStamp(fsPath: string): FileStamp | undefined {
  try {
    const stats = statSync(fsPath);
    return {
      isFile: stats.isFile(),
      size: stats.size,
      mtimeMs: stats.mtimeMs,
      realPath: realpathSync(fsPath),
    };
  } catch {
    return undefined;
  }
}
