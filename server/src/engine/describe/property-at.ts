import { configEntries, segmentSpan } from '../config/entries';
import { type AnalyzedDocument, documentAt, type FileAnalysis } from '../file-analysis';
import type { ConfigTree, Property } from '../model/config';
import type { Span } from '../model/span';
import { schemaAt } from '../schema/navigator';
import type { SchemaNode } from '../schema/schema-node';

/** What the schemas say of the configuration property at a place of a file. */
export interface PropertyDescription {
  /** The canonical path, such as `micronaut.server.ssl.key-store.path`. */
  path: string;
  /** The key, or the part of a dotted key, that names it: file offsets. */
  span: Span;
  /** False when the schemas do not model the property. */
  known: boolean;
  description: string | undefined;
  type: string | undefined;
  default: unknown;
  /** The values allowed, in words or as the enum lists them. */
  allowed: string | undefined;
  deprecated: boolean;
  /** The property to use instead of a deprecated one. */
  replacement: string | undefined;
}

/**
 * The property whose key is at `offset` of a file: a key of a configuration tree (also
 * inside KESTRA_CONFIGURATION and other embedded YAML), a `MICRONAUT_*` variable or a
 * `-D` option. Undefined elsewhere.
 */
export function propertyAt(file: FileAnalysis, offset: number): PropertyDescription | undefined {
  const document = documentAt(file, offset);
  if (!document) {
    return undefined;
  }
  const at = offset - document.offset;
  const found =
    document.model.configs.map((tree) => treeKeyAt(tree, at)).find(Boolean) ??
    propertyKeyAt(document, at);
  if (!found) {
    return undefined;
  }
  const view = schemaAt(found.path);
  const node: SchemaNode = view?.node ?? {};
  return {
    path: found.path.join('.'),
    span: { start: found.span.start + document.offset, end: found.span.end + document.offset },
    known: view !== undefined,
    description: node.markdownDescription ?? node.description,
    type: node.type,
    default: node.default,
    allowed: node['x-allowed'] ?? node.enum?.join(', '),
    deprecated: node.deprecated === true,
    replacement: node['x-replacement'],
  };
}

interface KeyAt {
  path: string[];
  /** Document offsets. */
  span: Span;
}

/** The key of a configuration tree at a document offset, down to the segment of a dotted key. */
function treeKeyAt(tree: ConfigTree, at: number): KeyAt | undefined {
  if (at < tree.span.start || at > tree.span.end) {
    return undefined;
  }
  const entry = configEntries(tree).find(
    (candidate) => candidate.keySpan.start <= at && at < candidate.keySpan.end,
  );
  if (!entry) {
    return undefined;
  }
  const { keySpan, key, written } = entry;
  const parentLength = entry.path.length - written.length;
  let offsetInKey = 0;
  for (const [index, segment] of written.entries()) {
    // The whole key when it is not written verbatim: then the cursor names the whole path.
    const span = segmentSpan(keySpan, key, offsetInKey, segment.length);
    if (index === written.length - 1 || (span !== keySpan && at <= span.end)) {
      return { path: entry.path.slice(0, parentLength + index + 1), span };
    }
    offsetInKey += segment.length + 1;
  }
  return undefined;
}

/** A `MICRONAUT_*` variable or a `-D` option at a document offset. */
function propertyKeyAt(document: AnalyzedDocument, at: number): KeyAt | undefined {
  const properties: Property[] = document.model.workloads.flatMap((workload) =>
    workload.containers.flatMap((container) => container.properties),
  );
  const property = properties.find(
    (candidate) =>
      candidate.origin !== 'command-line' &&
      candidate.keySpan.start <= at &&
      at < candidate.keySpan.end,
  );
  return property ? { path: property.path.split('.'), span: property.keySpan } : undefined;
}
