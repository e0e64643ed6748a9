import {
  type Connection,
  DidChangeConfigurationNotification,
  type InitializeParams,
  type InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Workspace } from '../engine/index';
import { DiagnosticsFeature } from './features/diagnostics';
import { Logger } from './logger';
import { SETTINGS_SECTION } from './settings';
import { SettingsStore } from './settings-store';

/** The name the server gives in `initialize`, as editors show it. */
export const SERVER_NAME = 'kestra-tls';

/**
 * Wires the engine to an LSP connection. Each feature lives in its own file under
 * `features/` and only translates between LSP and the engine; requests go through
 * `handleRequest`, so that a failing feature answers with an error instead of crashing.
 */
export function startServer(connection: Connection): Logger {
  const logger = new Logger(connection.console, connection.tracer);
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace();
  const settings = new SettingsStore(connection, logger);
  const diagnostics = new DiagnosticsFeature(connection, documents, workspace, settings, logger);
  let registerConfigurationChange = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities.workspace;
    settings.setPullSupported(capabilities?.configuration === true);
    registerConfigurationChange =
      capabilities?.didChangeConfiguration?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      },
      serverInfo: { name: SERVER_NAME },
    };
  });

  connection.onInitialized(() => {
    // Some clients send configuration changes only for sections a server registered for.
    if (registerConfigurationChange) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        .catch((error: unknown) => {
          logger.warn(`Could not register for configuration changes: ${String(error)}`);
        });
    }
  });

  connection.onDidChangeConfiguration((params) => {
    settings.changed(params);
    diagnostics.recheckAll();
  });

  diagnostics.register();
  documents.listen(connection);
  return logger;
}
