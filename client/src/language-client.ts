import type { LogOutputChannel } from 'vscode';
import {
  type ErrorHandler,
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  CLIENT_ID,
  CONFIGURATION_SECTION,
  DISPLAY_NAME,
  DOCUMENT_SCHEMES,
  LANGUAGE_IDS,
} from './constants';

/**
 * Every (language, scheme) pair the server checks; plain filters, so the same selector serves
 * the language client and VS Code's own API.
 */
export const documentSelector: { language: string; scheme: string }[] = LANGUAGE_IDS.flatMap(
  (language) => DOCUMENT_SCHEMES.map((scheme) => ({ language, scheme })),
);

/**
 * A language client that logs its errors without popping up messages of its own: the
 * extension tells the user about a failed start or a stopped server itself, once, with
 * actions, where the library would add a second message for the same event.
 */
class QuietLanguageClient extends LanguageClient {
  override error(message: string, data?: unknown): void {
    super.error(message, data, false);
  }
}

/**
 * Creates, without starting it, a client for the bundled language server at `serverModule`,
 * talking over Node IPC, logging to `log` and deciding about crashes with `errorHandler`.
 */
export function createLanguageClient(
  serverModule: string,
  log: LogOutputChannel,
  errorHandler: ErrorHandler,
): LanguageClient {
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    // Used when the extension host itself runs under a debugger, so the server can be attached.
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector,
    // The server pulls severities with workspace/configuration; the change notification tells
    // it when to pull again.
    synchronize: { configurationSection: CONFIGURATION_SECTION },
    outputChannel: log,
    // Failures are announced by the extension itself with a "Show Logs" action; the channel
    // opening on its own would steal the panel from the user.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler,
  };

  return new QuietLanguageClient(CLIENT_ID, DISPLAY_NAME, serverOptions, clientOptions);
}
