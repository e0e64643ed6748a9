import type * as vscode from 'vscode';
import type { ServerController } from '../server-controller';

/** What every command may use. */
export interface CommandContext {
  readonly server: ServerController;
  readonly log: vscode.LogOutputChannel;
}

/** A contributed command: one file under commands/ each. */
export interface KestraTlsCommand {
  /** The id contributed in package.json. */
  readonly id: string;
  /** Said in messages, for example "restart the language server". */
  readonly purpose: string;
  /**
   * Whether the command talks to the language server; such a command explains itself and
   * offers a restart instead of running while the server is down.
   */
  readonly needsServer: boolean;
  run(context: CommandContext): Promise<void>;
}
