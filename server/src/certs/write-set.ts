import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  CERTIFICATE_FILE_NAMES,
  type CertificateFile,
  type CertificateFileName,
  type CertificateSet,
} from './certificate-set';

/** How writeCertificateSet treats the folder. */
export interface WriteOptions {
  /** Replace files that already exist. Without it, nothing is written if any exists. */
  force?: boolean;
  /** Write only these files of the set; default all. */
  only?: readonly CertificateFileName[];
}

/** Thrown when target files exist and force was not given; nothing has been written. */
export class ExistingFilesError extends Error {
  override name = 'ExistingFilesError';

  constructor(readonly paths: string[]) {
    super(
      `Not replacing existing file${paths.length > 1 ? 's' : ''}: ${paths.join(', ')} ` +
        '(use --force to replace them).',
    );
  }
}

const SECRET_MODE = 0o600;
const PUBLIC_MODE = 0o644;
const FOLDER_MODE = 0o700;

/**
 * Writes the set into the folder (created with mode 0700 when missing) and returns the
 * paths written. Every file is first written under a temporary name in the same folder
 * and only then renamed into place, so an interrupted run leaves no half-written store.
 * Private keys, stores and Secrets are created with mode 0600 from the start.
 */
export async function writeCertificateSet(
  set: CertificateSet,
  folder: string,
  options: WriteOptions = {},
): Promise<string[]> {
  const only = options.only ? new Set(options.only) : undefined;
  const files = set.files.filter((file) => !only || only.has(file.name));
  await fs.mkdir(folder, { recursive: true, mode: FOLDER_MODE });

  const targets = files.map((file) => path.join(folder, file.name));
  if (!options.force) {
    const existing = await existingPaths(targets);
    if (existing.length > 0) {
      throw new ExistingFilesError(existing);
    }
  }

  // Every file reaches the disk under its temporary name before any target is touched.
  const temporaries = files.map((file) => temporaryName(folder, file.name));
  try {
    await Promise.all(files.map((file, index) => writeTemporary(temporaries[index]!, file)));
    for (const [index, temporary] of temporaries.entries()) {
      await moveIntoPlace(temporary, targets[index]!, options.force === true);
    }
  } finally {
    await Promise.all(temporaries.map((temporary) => fs.rm(temporary, { force: true })));
  }
  return targets;
}

/**
 * Lists the files of a set (or of the selection) that already exist in the folder, so a
 * caller can refuse before spending time on key generation.
 */
export function findExistingFiles(
  folder: string,
  only: readonly CertificateFileName[] = CERTIFICATE_FILE_NAMES,
): Promise<string[]> {
  return existingPaths(only.map((name) => path.join(folder, name)));
}

async function existingPaths(paths: string[]): Promise<string[]> {
  const found = await Promise.all(
    paths.map((target) =>
      fs.lstat(target).then(
        () => target,
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') {
            return undefined;
          }
          throw error;
        },
      ),
    ),
  );
  return found.filter((target): target is string => target !== undefined);
}

function temporaryName(folder: string, name: string): string {
  return path.join(folder, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
}

async function writeTemporary(temporary: string, file: CertificateFile): Promise<void> {
  // 'wx' fails rather than follow a link or reuse a file someone else created.
  const handle = await fs.open(temporary, 'wx', file.secret ? SECRET_MODE : PUBLIC_MODE);
  try {
    await handle.writeFile(file.bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Without force a hard link puts the file in place only if the name is still free, so a
 * file created since the check is not replaced either; file systems without hard links
 * fall back to a rename after one more check.
 */
async function moveIntoPlace(temporary: string, target: string, force: boolean): Promise<void> {
  if (force) {
    await fs.rename(temporary, target);
    return;
  }
  try {
    await fs.link(temporary, target);
    await fs.unlink(temporary);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new ExistingFilesError([target]);
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') {
      throw error;
    }
    if ((await existingPaths([target])).length > 0) {
      throw new ExistingFilesError([target]);
    }
    await fs.rename(temporary, target);
  }
}
