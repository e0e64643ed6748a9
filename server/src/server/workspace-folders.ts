import type { InitializeParams } from 'vscode-languageserver';
import { URI } from 'vscode-uri';

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
  return uris.flatMap((uri) => {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? [parsed.fsPath] : [];
  });
}
