import {
  type ClientCapabilities,
  type Connection,
  DidChangeConfigurationNotification,
  ErrorCodes,
  type InitializeParams,
  type InitializeResult,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Workspace } from '../engine/index';
import { CompletionFeature } from './features/completion';
import { DeepValidationFeature } from './features/deep-validation';
import { DiagnosticsFeature } from './features/diagnostics';
import { FolderIndexFeature } from './features/folder-index';
import { HoverFeature } from './features/hover';
import { IdleWarmUpFeature } from './features/idle-warm-up';
import { WatchedFilesFeature } from './features/watched-files';
import { handleRequest } from './handle-request';
import { Logger } from './logger';
import { SETTINGS_SECTION } from './settings';
import { SettingsStore } from './settings-store';
import { folderPaths } from './workspace-folders';

/** The name the server gives in `initialize`, as editors show it. */
export const SERVER_NAME = 'kestra-tls';

/**
 * Wires the engine to an LSP connection. Each feature lives in its own file under
 * `features/` and only translates between LSP and the engine; requests go through
 * `handleRequest`, so that a failing feature answers with an error instead of crashing.
 * Features are made in `initialize`, once the client has named its workspace folders.
 */
export function startServer(connection: Connection): Logger {
  const logger = new Logger(connection.console, connection.tracer);
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsStore(connection, logger);
  let capabilities: ClientCapabilities = {};
  let watchedFiles: WatchedFilesFeature | undefined;
  let folderIndex: FolderIndexFeature | undefined;
  let deepValidation: DeepValidationFeature | undefined;

  connection.onInitialize(
    handleRequest('initialize', logger, (params: InitializeParams): InitializeResult => {
      if (watchedFiles) {
        throw new ResponseError(ErrorCodes.InvalidRequest, 'The server is already initialized.');
      }
      capabilities = params.capabilities;
      settings.setPullSupported(capabilities.workspace?.configuration === true);
      const folders = folderPaths(params);
      // FIXME: the engine takes its folders once, so host files (keystores) in a folder added
      // later count as outside the workspace, and go unchecked, until the server restarts.
      const workspace = new Workspace({ folders });
      const engineSettings = new DeepValidationFeature(settings, workspace, logger);
      deepValidation = engineSettings;
      const diagnostics = new DiagnosticsFeature(
        connection,
        documents,
        workspace,
        settings,
        logger,
        () => engineSettings.ready(),
      );
      diagnostics.register();
      new HoverFeature(connection, documents, workspace, logger).register();
      new CompletionFeature(connection, documents, workspace, logger).register();
      folderIndex = new FolderIndexFeature(workspace, documents, diagnostics, logger, { folders });
      folderIndex.register();
      watchedFiles = new WatchedFilesFeature(
        connection,
        workspace,
        diagnostics,
        folderIndex,
        logger,
      );
      watchedFiles.register();
      connection.onDidChangeConfiguration((change) => {
        settings.changed(change);
        void engineSettings.update().then(() => diagnostics.recheckAll());
      });
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
          hoverProvider: true,
          completionProvider: {},
          workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        },
        serverInfo: { name: SERVER_NAME },
      };
    }),
  );

  connection.onInitialized(() => {
    const workspace = capabilities.workspace;
    // Some clients send configuration changes only for sections a server registered for.
    if (workspace?.didChangeConfiguration?.dynamicRegistration) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        .catch((error: unknown) => {
          logger.warn(`Could not register for configuration changes: ${String(error)}`);
        });
    }
    // FIXME: a client that can neither register watchers nor watches files on its own reports
    // no change on disk, so closed files stay in the engine as they were read at start.
    if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void watchedFiles?.watch();
    }
    // Checks wait for these settings, so that the deep checks never run against the user's
    // wish; they are read before the folders, whose reading ends with checks.
    void deepValidation?.update();
    if (workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        void folderIndex?.foldersChanged(event);
      });
    }
    void folderIndex?.scan();
    new IdleWarmUpFeature(documents, logger).start();
  });

  documents.listen(connection);
  return logger;
}
