import {
  type Connection,
  DidChangeWatchedFilesNotification,
  WatchKind,
} from 'vscode-languageserver';
import type { Workspace } from '../../engine/index';
import type { Logger } from '../logger';
import type { DiagnosticsFeature } from './diagnostics';
import type { FolderIndexFeature } from './folder-index';

/**
 * Follows files that change on disk without the editor: YAML files of the workspace
 * folders, which the folder index reads again, and files the engine reads from disk, such
 * as a keystore that is generated or deleted or a `.gitignore` that changes. Any of the
 * latter can change the findings of every open document, so all are checked again.
 */
export class WatchedFilesFeature {
  constructor(
    private readonly connection: Connection,
    private readonly workspace: Workspace,
    private readonly diagnostics: DiagnosticsFeature,
    private readonly folderIndex: FolderIndexFeature,
    private readonly logger: Logger,
  ) {}

  /** Handles change notifications; call it before the connection listens. */
  register(): void {
    this.connection.onDidChangeWatchedFiles(({ changes }) => {
      const others = this.folderIndex.filesChanged(changes);
      if (others.length > 0) {
        this.workspace.fileSystemChanged();
        this.diagnostics.recheckAll();
      }
    });
  }

  /**
   * Asks the client to watch the files, once initialized. YAML files are watched for every
   * change, as the index holds their text. Stores can have any name, so every file is
   * watched for creation and deletion; the usual store and certificate extensions and
   * `.gitignore` also for their content.
   */
  async watch(): Promise<void> {
    try {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.{yml,yaml}' },
          { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
          { globPattern: '**/*.{p12,pfx,jks,jceks,bks,pem,crt,cer,key}', kind: WatchKind.Change },
          { globPattern: '**/.gitignore' },
        ],
      });
    } catch (error) {
      this.logger.warn(`Could not ask the client to watch files: ${String(error)}`);
    }
  }
}
