import {
  type Connection,
  DidChangeWatchedFilesNotification,
  WatchKind,
} from 'vscode-languageserver';
import type { Workspace } from '../../engine/index';
import type { Logger } from '../logger';
import type { DiagnosticsFeature } from './diagnostics';

/**
 * Follows files the engine reads from disk without the editor opening them: a keystore
 * that is generated or deleted, a `.gitignore` that changes. Any of them can change the
 * findings of every open document, so all are checked again.
 */
export class WatchedFilesFeature {
  constructor(
    private readonly connection: Connection,
    private readonly workspace: Workspace,
    private readonly diagnostics: DiagnosticsFeature,
    private readonly logger: Logger,
  ) {}

  /** Handles change notifications; call it before the connection listens. */
  register(): void {
    this.connection.onDidChangeWatchedFiles(() => {
      this.workspace.fileSystemChanged();
      this.diagnostics.recheckAll();
    });
  }

  /**
   * Asks the client to watch the files, once initialized. Stores can have any name, so
   * every file is watched for creation and deletion; only `.gitignore` for its content.
   */
  async watch(): Promise<void> {
    try {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
          { globPattern: '**/.gitignore' },
        ],
      });
    } catch (error) {
      this.logger.warn(`Could not ask the client to watch files: ${String(error)}`);
    }
  }
}
