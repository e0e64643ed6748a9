import {
  type CompletionItem,
  CompletionItemKind,
  CompletionItemTag,
  type CompletionParams,
  type Connection,
  MarkupKind,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../../engine/index';
import { handleRequest } from '../handle-request';
import type { Logger } from '../logger';

/**
 * Completion of configuration keys from the schemas, also inside KESTRA_CONFIGURATION: the
 * properties of the mapping the cursor's line belongs to, with their documentation.
 */
export class CompletionFeature {
  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: Workspace,
    private readonly logger: Logger,
  ) {}

  register(): void {
    this.connection.onCompletion(
      handleRequest('textDocument/completion', this.logger, (params: CompletionParams) =>
        this.complete(params),
      ),
    );
  }

  private complete({ textDocument, position }: CompletionParams): CompletionItem[] | null {
    const document = this.documents.get(textDocument.uri);
    if (!document) {
      return null;
    }
    // The editor asks right after a keystroke, before the engine has the new text: it reads
    // the document as it is now.
    const found = this.workspace.completionsAt(
      textDocument.uri,
      document.getText(),
      document.offsetAt(position),
    );
    if (!found) {
      return null;
    }
    const range = {
      start: document.positionAt(found.replace.start),
      end: document.positionAt(found.replace.end),
    };
    return found.items.map((item) => ({
      label: item.key,
      kind: CompletionItemKind.Property,
      detail: item.type ? `${item.path} · ${item.type}` : item.path,
      ...(item.description
        ? { documentation: { kind: MarkupKind.Markdown, value: item.description } }
        : {}),
      ...(item.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
      // Deprecated properties come last.
      sortText: `${item.deprecated ? 1 : 0}${item.key}`,
      // A mapping's keys go on the lines below it; a value goes after the colon.
      textEdit: { range, newText: item.type === 'object' ? `${item.key}:` : `${item.key}: ` },
    }));
  }
}
