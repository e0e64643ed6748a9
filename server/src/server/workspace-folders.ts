import * as path from 'node:path';
import type { InitializeParams, WorkspaceFolder } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { isInSkippedFolder, isYamlName, SKIPPED_FOLDERS } from '../files/find-yaml-files';

/**
 * The workspace folders the client opened, as file system paths. The engine reads host
 * files (keystores beside a compose file) only inside them. Folders that are not on disk,
 * such as a remote or virtual file system, cannot be read and are left out.
 */
export function folderPaths(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((folder) => folder.uri) ?? [];
  // Clients older than workspace folders send the single deprecated root instead.
  if (uris.length === 0 && params.rootUri) {
    uris.push(params.rootUri);
  }
  return pathsOf(uris);
}

/** The file system paths of folders named in `workspace/didChangeWorkspaceFolders`. */
export function pathsOfFolders(folders: readonly WorkspaceFolder[]): string[] {
  return pathsOf(folders.map((folder) => folder.uri));
}

function pathsOf(uris: readonly string[]): string[] {
  return uris.flatMap((uri) => {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? [parsed.fsPath] : [];
  });
}

/**
 * The one spelling of a document's URI that the server uses for files it reads from disk.
 * Clients may encode the same path differently (`a b` or `a%20b`); comparing this form
 * keeps a file from entering the engine twice.
 */
export function canonicalUri(uri: string): string {
  return URI.parse(uri).toString();
}

/** The URI of a file on disk, in the canonical spelling. */
export function fileUri(fsPath: string): string {
  return URI.file(fsPath).toString();
}

/**
 * The path of the file at `uri` when it belongs to the index of the workspace folders: a
 * `*.yml` or `*.yaml` file on disk inside one of `folders`, outside `node_modules` and
 * `.git`. Any other URI gives undefined.
 */
export function indexedPath(uri: string, folders: readonly string[]): string | undefined {
  const fsPath = walkedPath(uri, folders);
  return fsPath !== undefined && isYamlName(path.basename(fsPath)) ? fsPath : undefined;
}

/**
 * The path at `uri` when the walk for YAML files reaches it: a file or folder on disk
 * inside one of `folders`, outside `node_modules` and `.git`. Any other URI gives undefined.
 */
export function walkedPath(uri: string, folders: readonly string[]): string | undefined {
  const parsed = URI.parse(uri);
  if (parsed.scheme !== 'file') {
    return undefined;
  }
  const fsPath = parsed.fsPath;
  const reached = folders.some(
    (folder) =>
      isInside(folder, fsPath) &&
      !isInSkippedFolder(folder, fsPath) &&
      !SKIPPED_FOLDERS.has(path.basename(fsPath)),
  );
  return reached ? fsPath : undefined;
}

/** True when `fsPath` is `folder` or lies under it. */
export function isInside(folder: string, fsPath: string): boolean {
  const relative = path.relative(folder, fsPath);
  const outside =
    relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return !outside;
}
