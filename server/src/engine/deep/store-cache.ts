/**
 * Opens keystores and truststores of the workspace at most once per version of the file
 * and of the passwords. Opening a PKCS#12 file derives keys over thousands of iterations
 * (about 25 ms for keytool's), and the workspace rules run after every edit: without this
 * cache each keystroke in a compose file would pay for it again.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { openStore, type StorePasswords, type StoreReport } from '../../stores/index';
import type { FileStamp, WorkspaceFileSystem } from '../deployment/file-system';

/** Stores larger than this are not read: real ones weigh a few kilobytes. */
export const MAX_STORE_BYTES = 1024 * 1024;

/** How many files and reports are remembered; the least recently used go first. */
const CACHE_LIMIT = 64;

/** Opens a store from its bytes; tests count calls through their own. */
export type StoreOpener = (bytes: Uint8Array, passwords: StorePasswords) => StoreReport;

/** What reading a store file gave. */
export type StoreReading =
  | { kind: 'opened'; report: StoreReport }
  | { kind: 'too-large'; size: number }
  | { kind: 'unreadable' };

/** The digest of a file's content, trusted while its stamp stays the same. */
interface ContentEntry {
  stamp: string;
  digest: string;
}

/**
 * Store reports keyed by the content of the file and a keyed hash of the passwords. The
 * passwords themselves are never kept: the key of the hash is random and lives only in
 * memory, so a report cannot be tied back to a password by guessing offline.
 */
export class StoreCache {
  private readonly contents = new Map<string, ContentEntry>();
  private readonly reports = new Map<string, StoreReport>();
  private readonly passwordKey = randomBytes(32);

  constructor(private readonly open: StoreOpener = openStore) {}

  /**
   * The report of the store at `fsPath`, whose stamp the caller just took. The file is read
   * only when its stamp changed, and opened only when its content or the passwords did.
   *
   * FIXME: opening runs on the caller's thread, so the first diagnose after a store or its
   * password changes waits for it: about 25 ms per PKCS#12 file from keytool, more for a
   * workspace naming many stores.
   */
  read(
    fileSystem: WorkspaceFileSystem,
    fsPath: string,
    stamp: FileStamp,
    passwords: StorePasswords,
  ): StoreReading {
    if (stamp.size > MAX_STORE_BYTES) {
      return { kind: 'too-large', size: stamp.size };
    }
    const stampKey = `${stamp.mtimeMs}:${stamp.size}`;
    let bytes: Uint8Array | undefined;
    const known = this.contents.get(fsPath);
    let digest = known?.stamp === stampKey ? known.digest : undefined;
    if (digest === undefined) {
      bytes = fileSystem.readFile?.(fsPath, MAX_STORE_BYTES);
      if (bytes === undefined) {
        return { kind: 'unreadable' };
      }
      digest = digestOf(bytes);
    }
    remember(this.contents, fsPath, { stamp: stampKey, digest });
    const cached = this.cachedReport(digest, passwords);
    if (cached !== undefined) {
      return { kind: 'opened', report: cached };
    }
    if (bytes === undefined) {
      bytes = fileSystem.readFile?.(fsPath, MAX_STORE_BYTES);
      if (bytes === undefined) {
        return { kind: 'unreadable' };
      }
      // A file rewritten within the same stamp: go by what it holds now.
      const current = digestOf(bytes);
      if (current !== digest) {
        digest = current;
        remember(this.contents, fsPath, { stamp: stampKey, digest });
        const rewritten = this.cachedReport(digest, passwords);
        if (rewritten !== undefined) {
          return { kind: 'opened', report: rewritten };
        }
      }
    }
    const report = this.open(bytes, passwords);
    remember(this.reports, this.reportKey(digest, passwords), report);
    return { kind: 'opened', report };
  }

  private cachedReport(digest: string, passwords: StorePasswords): StoreReport | undefined {
    const key = this.reportKey(digest, passwords);
    const report = this.reports.get(key);
    if (report !== undefined) {
      remember(this.reports, key, report);
    }
    return report;
  }

  private reportKey(digest: string, passwords: StorePasswords): string {
    // JSON tells an unset password (Java's null) from an empty one.
    const text = JSON.stringify([passwords.store ?? null, passwords.key ?? null]);
    const hash = createHmac('sha256', this.passwordKey).update(text, 'utf8').digest('base64');
    return `${digest}:${hash}`;
  }
}

function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

/** Sets an entry as the most recently used one, dropping the oldest beyond the limit. */
function remember<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > CACHE_LIMIT) {
    const oldest = map.keys().next();
    if (!oldest.done) {
      map.delete(oldest.value);
    }
  }
}
