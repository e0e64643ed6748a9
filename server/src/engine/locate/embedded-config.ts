import { type Document, isMap, parseDocument } from 'yaml';
import type { ConfigOrigin, ConfigTree } from '../model/config';
import type { Span } from '../model/span';
import type { OffsetMap } from '../text/offset-map';
import { PARSE_OPTIONS } from '../yaml/parse-options';
import { syntaxErrorSpan } from './syntax-error-span';

const PARSE_CACHE_LIMIT = 1000;
const parseCache = new Map<string, Document.Parsed>();

/**
 * Parses configuration written inside a string, such as KESTRA_CONFIGURATION. Parsed
 * documents are cached by their text: an edit elsewhere in a compose file re-parses the
 * file, but not the configurations it did not touch.
 */
export function parseEmbeddedConfig(
  text: string,
  map: OffsetMap,
  origin: ConfigOrigin,
  label: string,
  span: Span,
): ConfigTree {
  const document = parseCached(text);
  const syntaxErrors = document.errors.map((error) => {
    const { start, end } = syntaxErrorSpan(text, error.pos);
    return { message: error.message, span: map.spanToHost(start, end) };
  });
  const root = document.contents;
  return {
    origin,
    label,
    root: isMap(root) ? root : null,
    inline: false,
    map,
    text,
    span,
    syntaxErrors,
  };
}

/** A configuration tree that is part of the document's own YAML, like a Helm value. */
export function inlineConfig(
  root: unknown,
  origin: ConfigOrigin,
  label: string,
  span: Span,
): ConfigTree {
  return {
    origin,
    label,
    root: isMap(root) ? root : null,
    inline: true,
    map: null,
    text: null,
    span,
    syntaxErrors: [],
  };
}

function parseCached(text: string): Document.Parsed {
  const cached = parseCache.get(text);
  if (cached) {
    // Refresh the entry so the least recently used one is evicted first.
    parseCache.delete(text);
    parseCache.set(text, cached);
    return cached;
  }
  const document = parseDocument(text, PARSE_OPTIONS);
  parseCache.set(text, document);
  if (parseCache.size > PARSE_CACHE_LIMIT) {
    const oldest = parseCache.keys().next().value;
    if (oldest !== undefined) {
      parseCache.delete(oldest);
    }
  }
  return document;
}
