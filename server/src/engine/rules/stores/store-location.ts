/**
 * Finds the workspace file behind a store path: through a bind mount of the container, or
 * beside a configuration file that no deployment of the workspace reads.
 */
import * as path from 'node:path';
import type { Deployment, WorkspaceIndex } from '../../deployment/deployment';
import { type FileStamp, isInside, type WorkspaceFileSystem } from '../../deployment/file-system';
import { mountFor } from '../../deployment/mounts';

/** A store file of the workspace, with the stamp it had when it was found. */
export interface StoreFile {
  fsPath: string;
  stamp: FileStamp;
}

/**
 * The workspace file a store path names, or undefined when it names none that may be read:
 * a `classpath:` resource, a path under a Secret or named volume, a file that does not
 * exist (store-file-missing says so), or one outside the workspace folders, symbolic links
 * resolved. Files outside the workspace are never read.
 */
export function locateStoreFile(
  deployment: Deployment,
  index: WorkspaceIndex,
  fileSystem: WorkspaceFileSystem,
  storePath: string,
): StoreFile | undefined {
  const hostFile = hostPathOf(deployment, storePath);
  if (hostFile === undefined || fileSystem.stat === undefined) {
    return undefined;
  }
  const folders = index.folders.length > 0 ? index.folders : [deployment.folder];
  if (!folders.some((folder) => isInside(folder, hostFile))) {
    return undefined;
  }
  const stamp = fileSystem.stat(hostFile);
  if (!stamp?.isFile) {
    return undefined;
  }
  const realFolders = folders.map((folder) => fileSystem.stat?.(folder)?.realPath ?? folder);
  if (!realFolders.some((folder) => isInside(folder, stamp.realPath))) {
    return undefined;
  }
  return { fsPath: hostFile, stamp };
}

/** The host path a store path stands for, before any check that it may be read. */
function hostPathOf(deployment: Deployment, storePath: string): string | undefined {
  const file = storePath.startsWith('file:')
    ? storePath.slice('file:'.length)
    : storePath.startsWith('/')
      ? storePath
      : undefined;
  if (file === undefined || file.trim() === '') {
    return undefined;
  }
  const container = deployment.container;
  if (container === undefined) {
    // A configuration file on its own: its relative paths are read from its folder.
    return path.resolve(deployment.folder, file);
  }
  const mounted = mountFor(container.mounts, file);
  const hostPath = mounted?.mount.hostPath;
  if (mounted?.mount.mount.kind !== 'bind' || hostPath === undefined) {
    return undefined;
  }
  return mounted.rest === '' ? hostPath : path.join(hostPath, mounted.rest);
}
