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
import { DiagnosticsFeature } from './features/diagnostics';
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

  connection.onInitialize(
    handleRequest('initialize', logger, (params: InitializeParams): InitializeResult => {
      if (watchedFiles) {
        throw new ResponseError(ErrorCodes.InvalidRequest, 'The server is already initialized.');
      }
      capabilities = params.capabilities;
      settings.setPullSupported(capabilities.workspace?.configuration === true);
      // FIXME: folders added or removed later are not followed; host files in them count as
      // outside the workspace until the server restarts.
      // FIXME: only open documents join the workspace, so a Service or Ingress in a file that
      // is not open is not checked against its Deployment, as the CLI would check it.
      const workspace = new Workspace({ folders: folderPaths(params) });
      const diagnostics = new DiagnosticsFeature(
        connection,
        documents,
        workspace,
        settings,
        logger,
      );
      diagnostics.register();
      watchedFiles = new WatchedFilesFeature(connection, workspace, diagnostics, logger);
      watchedFiles.register();
      connection.onDidChangeConfiguration((change) => {
        settings.changed(change);
        diagnostics.recheckAll();
      });
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
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
    if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void watchedFiles?.watch();
    }
  });

  documents.listen(connection);
  return logger;
}
