import * as path from 'node:path';
import type { Mount } from '../model/workload';
import type { DocumentRef } from './place';

/** Kestra's image runs from `/app`, so relative container paths start there. */
export const WORKING_DIRECTORY = '/app';

/** A mount of a deployment's container, with the document it was declared in. */
export interface DeploymentMount {
  mount: Mount;
  at: DocumentRef;
  /**
   * The absolute host path of a bind mount; undefined when it is not a bind mount or its
   * source depends on the environment (`~`, `${HOME}`).
   */
  hostPath: string | undefined;
}

/** A container path resolved to the mount that provides it. */
export interface MountedPath {
  mount: DeploymentMount;
  /** The path below the mount's target, or '' when the mount is the file itself. */
  rest: string;
}

/** An absolute, normalized container path; relative paths start at the working directory. */
export function containerPath(raw: string): string {
  return path.posix.resolve(WORKING_DIRECTORY, raw.trim());
}

/** The mount that provides a container path: the one with the longest matching target. */
export function mountFor(
  mounts: readonly DeploymentMount[],
  rawPath: string,
): MountedPath | undefined {
  const wanted = containerPath(rawPath);
  let best: MountedPath | undefined;
  for (const candidate of mounts) {
    const target = containerPath(candidate.mount.target);
    const rest =
      wanted === target
        ? ''
        : wanted.startsWith(`${target}/`)
          ? wanted.slice(target.length + 1)
          : undefined;
    if (rest === undefined || (target === '/' && rest !== '')) {
      continue;
    }
    if (!best || target.length > containerPath(best.mount.mount.target).length) {
      best = { mount: candidate, rest };
    }
  }
  return best;
}

/** The host path of a compose bind mount source, resolved against the compose file's folder. */
export function bindHostPath(
  source: string | undefined,
  composeFolder: string,
): string | undefined {
  if (source === undefined || source.includes('$') || source.startsWith('~')) {
    return undefined;
  }
  return path.isAbsolute(source) ? path.normalize(source) : path.resolve(composeFolder, source);
}

/**
 * The Secret or ConfigMap key a path under a Secret or ConfigMap volume reads, or
 * undefined when the volume's `items` do not project that path.
 */
export function projectedKey(mounted: MountedPath): string | undefined {
  const { mount } = mounted.mount;
  const file =
    mount.subPath !== undefined ? path.posix.join(mount.subPath, mounted.rest) : mounted.rest;
  if (file === '' || file === '.') {
    return undefined;
  }
  if (!mount.items) {
    return file;
  }
  for (const [key, itemPath] of mount.items) {
    if (path.posix.normalize(itemPath) === file) {
      return key;
    }
  }
  return undefined;
}
