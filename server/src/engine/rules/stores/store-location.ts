/**
 * Finds the workspace file behind a store path: through a bind mount of the container, or
 * beside a configuration file that no deployment of the workspace reads.
 */
import * as path from 'node:path';
import type { Deployment } from '../../deployment/deployment';
import { type FileStamp, isInside, type WorkspaceFileSystem } from '../../deployment/file-system';
import { mountFor } from '../../deployment/mounts';

/** A store file of the workspace, with the stamp it had when it was found. */
export interface StoreFile {
  fsPath: string;
  stamp: FileStamp;
}

/**
 * The store file that may be read at a host path, or undefined when the disk has no regular
 * file there (store-file-missing says so) or its real path, symbolic links resolved, leaves
 * the workspace folders: files outside the workspace are never read. The disk is asked on
 * every call.
 */
export function readableStoreFile(
  deployment: Deployment,
  folders: readonly string[],
  fileSystem: WorkspaceFileSystem,
  hostFile: string,
): StoreFile | undefined {
  const stamp = fileSystem.stat?.(hostFile);
  if (!stamp?.isFile) {
    return undefined;
  }
  const realFolders = rootsOf(deployment, folders).map(
    (folder) => fileSystem.stat?.(folder)?.realPath ?? folder,
  );
  if (!realFolders.some((folder) => isInside(folder, stamp.realPath))) {
    return undefined;
  }
  return { fsPath: hostFile, stamp };
}

/**
 * The host file a store path names inside the workspace folders, before the disk is asked
 * whether it is there and where its links lead; undefined for a `classpath:` resource, a
 * path under a Secret or named volume, or a file outside the folders. It follows from the
 * deployment alone.
 */
export function workspaceHostFile(
  deployment: Deployment,
  folders: readonly string[],
  storePath: string,
): string | undefined {
  const hostFile = hostPathOf(deployment, storePath);
  if (hostFile === undefined) {
    return undefined;
  }
  const roots = rootsOf(deployment, folders);
  return roots.some((folder) => isInside(folder, hostFile)) ? hostFile : undefined;
}

/** The folders whose files may be read: the workspace's, or the deployment's own. */
function rootsOf(deployment: Deployment, folders: readonly string[]): readonly string[] {
  return folders.length > 0 ? folders : [deployment.folder];
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
