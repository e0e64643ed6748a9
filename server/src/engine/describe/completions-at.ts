import { canonicalSegment } from '../config/keys';
import { documentAt, type FileAnalysis } from '../file-analysis';
import type { ConfigTree } from '../model/config';
import type { Span } from '../model/span';
import { schemaAt } from '../schema/navigator';

/** A property that may be written where the cursor is. */
export interface PropertyCompletion {
  /** The key to write, such as `key-store`. */
  key: string;
  /** The canonical path it would set. */
  path: string;
  type: string | undefined;
  description: string | undefined;
  deprecated: boolean;
}

/** The properties that may be written at a place, and the characters they replace. */
export interface Completions {
  items: PropertyCompletion[];
  /** The part of the key typed so far: file offsets. */
  replace: Span;
}

/** A line that opens a mapping: a key and nothing after it but a comment. */
const MAPPING_KEY = /^\s*(['"]?)([^'"#:\s][^'"#:]*?)\1\s*:\s*(#.*)?$/;
/** A line being typed as a key: indentation and the start of a key. */
const TYPED_KEY = /^( *)([A-Za-z0-9._-]*)$/;

/**
 * The properties the schemas know below the mapping the cursor's line belongs to, when the
 * line holds only the start of a key: inside KESTRA_CONFIGURATION written as a block, a
 * ConfigMap or Secret entry, or a configuration file. The parent is found from the lines
 * above by indentation, so that it works while the YAML being typed does not parse yet.
 * Keys the mapping already has are left out. Undefined elsewhere.
 */
export function completionsAt(file: FileAnalysis, offset: number): Completions | undefined {
  const document = documentAt(file, offset);
  if (!document) {
    return undefined;
  }
  const text = document.model.text;
  const at = offset - document.offset;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const typed = TYPED_KEY.exec(text.slice(lineStart, at));
  if (!typed) {
    return undefined;
  }
  const first = firstLineOf(document.model.configs, text, at);
  if (first === undefined || lineStart < first) {
    return undefined;
  }
  const indent = typed[1]?.length ?? 0;
  const word = typed[2] ?? '';
  const parent = parentOf(text, first, lineStart, indent);
  if (!parent) {
    return undefined;
  }
  const view = schemaAt(parent.path);
  if (!view) {
    return undefined;
  }
  const written = siblingKeys(text, parent.bodyStart, indent, lineStart);
  const items: PropertyCompletion[] = [];
  for (const [key, located] of view.properties) {
    if (written.has(key)) {
      continue;
    }
    const property = schemaAt([...parent.path, key])?.node ?? located.node;
    items.push({
      key,
      path: [...parent.path, key].join('.'),
      type: property.type,
      description: property.markdownDescription ?? property.description,
      deprecated: property.deprecated === true,
    });
  }
  const start = document.offset + at - word.length;
  return { items, replace: { start, end: document.offset + at } };
}

/**
 * The start of the first line of configuration of the tree the offset is in, or on a blank
 * line after: the line after a block scalar's header, or the start of a configuration file.
 * Undefined when the offset is in no tree written over several lines.
 */
function firstLineOf(configs: readonly ConfigTree[], text: string, at: number): number | undefined {
  for (const tree of configs) {
    // Blank lines after a tree end it, as YAML reads them, until a key is typed there.
    const after = at > tree.span.end && /^\s*$/.test(text.slice(tree.span.end, at));
    if (at < tree.span.start || (at > tree.span.end && !after)) {
      continue;
    }
    // FIXME: the configuration of Helm values gets no completion: its keys sit below the
    // chart's own, and the walk up the lines would need to stop at `configuration:`.
    if (tree.origin === 'config-file') {
      return text.lastIndexOf('\n', tree.span.start - 1) + 1;
    }
    const header = text.indexOf('\n', tree.span.start);
    if (tree.text !== null && /^[|>]/.test(text.slice(tree.span.start)) && header !== -1) {
      return header + 1;
    }
  }
  return undefined;
}

interface Parent {
  /** The canonical path of the mapping. */
  path: string[];
  /** Where the mapping's keys start: the line after its key, or the tree's first line. */
  bodyStart: number;
}

/** The mapping a line of the given indentation belongs to, from the lines above it. */
function parentOf(
  text: string,
  first: number,
  lineStart: number,
  indent: number,
): Parent | undefined {
  const path: string[] = [];
  let bodyStart: number | undefined;
  let within = indent;
  let end = lineStart - 1;
  while (end > first) {
    const lineEnd = end;
    const start = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = text.slice(start, lineEnd).replace(/\r$/, '');
    end = start - 1;
    const content = line.trimStart();
    const lineIndent = line.length - content.length;
    if (content === '' || content.startsWith('#') || lineIndent >= within) {
      continue;
    }
    const key = MAPPING_KEY.exec(line)?.[2];
    if (key === undefined) {
      // The line belongs to a list or a value: no property goes there.
      return undefined;
    }
    path.unshift(...key.split('.').map(canonicalSegment));
    bodyStart ??= lineEnd + 1;
    within = lineIndent;
  }
  // The first line of the tree sets the level of its top keys.
  const firstEnd = text.indexOf('\n', first);
  const firstLine = text.slice(first, firstEnd === -1 ? undefined : firstEnd);
  const base = firstLine.length - firstLine.trimStart().length;
  if (path.length === 0 ? indent !== base : within < base) {
    return undefined;
  }
  return { path, bodyStart: bodyStart ?? first };
}

/** The keys written at the given indentation in a mapping's body, but on the typed line. */
function siblingKeys(
  text: string,
  bodyStart: number,
  indent: number,
  typedLine: number,
): Set<string> {
  const keys = new Set<string>();
  let start = bodyStart;
  while (start < text.length) {
    const next = text.indexOf('\n', start);
    const end = next === -1 ? text.length : next;
    const line = text.slice(start, end).replace(/\r$/, '');
    const content = line.trimStart();
    const lineIndent = line.length - content.length;
    if (content !== '' && !content.startsWith('#')) {
      if (lineIndent < indent) {
        break;
      }
      const key =
        lineIndent === indent && start !== typedLine ? /^([^:#\s]+)\s*:/.exec(content) : null;
      if (key?.[1]) {
        keys.add(canonicalSegment(key[1]));
      }
    }
    start = end + 1;
  }
  return keys;
}
