import {
  type Connection,
  type Hover,
  type HoverParams,
  MarkupKind,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PropertyDescription, Workspace } from '../../engine/index';
import { handleRequest } from '../handle-request';
import type { Logger } from '../logger';

/**
 * Hover on a configuration key, also inside KESTRA_CONFIGURATION, and on a `MICRONAUT_*`
 * variable or `-D` option: the property's canonical path and what the schemas say of it.
 */
export class HoverFeature {
  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: Workspace,
    private readonly logger: Logger,
  ) {}

  register(): void {
    this.connection.onHover(
      handleRequest('textDocument/hover', this.logger, (params: HoverParams) => this.hover(params)),
    );
  }

  private hover({ textDocument, position }: HoverParams): Hover | null {
    const document = this.documents.get(textDocument.uri);
    const file = this.workspace.file(textDocument.uri);
    // Right after an edit the engine may still hold the text before it, until the edit is
    // checked; its places would not match the document's.
    if (!document || !file || file.text !== document.getText()) {
      return null;
    }
    const offset = file.lineIndex.offsetAt(position);
    const property = this.workspace.propertyAt(textDocument.uri, offset);
    if (!property) {
      return null;
    }
    return {
      contents: { kind: MarkupKind.Markdown, value: hoverText(property) },
      range: file.lineIndex.rangeOf(property.span.start, property.span.end),
    };
  }
}

/** The Markdown of a property's hover. */
export function hoverText(property: PropertyDescription): string {
  const heading = [`**${property.path}**`];
  if (property.type) {
    heading.push(property.type);
  }
  if (property.default !== undefined) {
    heading.push(`default \`${JSON.stringify(property.default)}\``);
  }
  const parts = [heading.join(' · ')];
  if (property.deprecated && !property.description?.startsWith('Deprecated')) {
    parts.push(
      property.replacement ? `Deprecated: use \`${property.replacement}\` instead.` : 'Deprecated.',
    );
  }
  if (property.description) {
    parts.push(property.description);
  }
  if (property.allowed) {
    parts.push(`Allowed: ${property.allowed}.`.replace(/\.\.$/, '.'));
  }
  if (!property.known) {
    parts.push('The schemas of Kestra TLS do not describe this property.');
  }
  return parts.join('\n\n');
}
