import {
  Composer,
  type Document,
  isCollection,
  isMap,
  isNode,
  isPair,
  type Pair,
  Parser,
  type Range,
  visit,
  type YAMLMap,
} from 'yaml';
import { PARSE_OPTIONS } from './parse-options';

/** Where two versions of a text differ: `[start, oldEnd)` of the old became `[start, newEnd)`. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

const CHUNK = 256;

/** The one region where `newText` differs from `oldText`, or undefined when they are equal. */
export function textChange(oldText: string, newText: string): TextChange | undefined {
  if (oldText === newText) {
    return undefined;
  }
  const shorter = Math.min(oldText.length, newText.length);
  let start = 0;
  // Whole chunks first: comparing strings is native, a loop over characters is not.
  while (
    start + CHUNK <= shorter &&
    oldText.slice(start, start + CHUNK) === newText.slice(start, start + CHUNK)
  ) {
    start += CHUNK;
  }
  while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) {
    start++;
  }
  let suffix = 0;
  while (
    suffix + CHUNK <= shorter - start &&
    oldText.slice(oldText.length - suffix - CHUNK, oldText.length - suffix) ===
      newText.slice(newText.length - suffix - CHUNK, newText.length - suffix)
  ) {
    suffix += CHUNK;
  }
  while (
    suffix < shorter - start &&
    oldText.charCodeAt(oldText.length - 1 - suffix) ===
      newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

/** Documents known to hold no anchor, alias or directive, so that an entry parses alone. */
const selfContained = new WeakSet<Document>();

/**
 * Re-parses the one entry of a block mapping that an edit falls into, and updates
 * `document`, the parse of `oldText`, in place so that it becomes the parse of `newText`:
 * the entry's pair is replaced, and every node after the edit moves by the change in
 * length. An edit in one service of a 100-service compose file then parses one service,
 * not the whole file.
 *
 * Returns the index of the replaced entry, or undefined, with the document untouched,
 * whenever the edit could mean more than a new version of that entry: a syntax error, an
 * anchor or alias that ties entries together, directives, a line less indented than the
 * entry, a new entry, the last entry of the mapping (whose end is its parents' end). A full
 * parse is then the only right answer.
 */
export function reparseMapEntry(
  document: Document.Parsed,
  map: YAMLMap,
  oldText: string,
  newText: string,
  change: TextChange,
): number | undefined {
  if (document.errors.length > 0 || map.flow || !isSelfContained(document, oldText)) {
    return undefined;
  }
  const starts = entryLineStarts(map, oldText);
  if (!starts) {
    return undefined;
  }
  const { lines, indent } = starts;
  // The entry whose lines hold the whole change; never the last, as explained above.
  const index = lines.findIndex(
    (start, at) => start <= change.start && at + 1 < lines.length && change.oldEnd < lines[at + 1]!,
  );
  if (index === -1) {
    return undefined;
  }
  const start = lines[index]!;
  const oldEnd = lines[index + 1]!;
  const delta = newText.length - oldText.length;
  const entry = parseEntry(newText, start, oldEnd + delta, indent);
  if (!entry) {
    return undefined;
  }
  if (delta !== 0) {
    moveNodesAfter(document, oldEnd, delta);
  }
  map.items[index] = entry;
  return index;
}

/**
 * The line start of each entry of a block mapping, when every key stands alone at the
 * start of its line with the same indentation; undefined otherwise.
 */
function entryLineStarts(
  map: YAMLMap,
  text: string,
): { lines: number[]; indent: number } | undefined {
  const lines: number[] = [];
  let indent = -1;
  for (const pair of map.items) {
    const range = isNode(pair.key) ? pair.key.range : undefined;
    if (!range) {
      return undefined;
    }
    const lineStart = text.lastIndexOf('\n', range[0] - 1) + 1;
    const keyIndent = range[0] - lineStart;
    if ((indent !== -1 && keyIndent !== indent) || !isSpaces(text, lineStart, range[0])) {
      return undefined;
    }
    indent = keyIndent;
    lines.push(lineStart);
  }
  return { lines, indent };
}

/**
 * Parses `text[start, end)` on its own as one mapping entry whose key stands at `indent`,
 * with offsets into the whole text; undefined unless it is exactly that and parses cleanly.
 */
function parseEntry(text: string, start: number, end: number, indent: number): Pair | undefined {
  if (end <= start || !deeperAfterFirstLine(text, start, end, indent)) {
    return undefined;
  }
  const parser = new Parser();
  // Offsets of the tokens, and so of the nodes, count from the start of the whole text.
  parser.offset = start;
  const composer = new Composer(PARSE_OPTIONS);
  const documents = [...composer.compose(parser.parse(text.slice(start, end)), true, end)];
  const entry = documents[0];
  const root = entry?.contents;
  if (
    documents.length !== 1 ||
    !entry ||
    entry.errors.length > 0 ||
    !isMap(root) ||
    root.flow ||
    root.items.length !== 1 ||
    hasAnchorOrAlias(root)
  ) {
    return undefined;
  }
  const pair = root.items[0];
  const keyStart = isNode(pair?.key) ? pair.key.range?.[0] : undefined;
  return pair && keyStart === start + indent ? pair : undefined;
}

/**
 * True when every line of `text[start, end)` after the first that holds content is
 * indented deeper than `indent`, so the entry cannot end early or reach its neighbours.
 */
function deeperAfterFirstLine(text: string, start: number, end: number, indent: number): boolean {
  let lineStart = text.indexOf('\n', start) + 1;
  while (lineStart > 0 && lineStart < end) {
    let column = lineStart;
    while (text.charCodeAt(column) === 32) {
      column++;
    }
    const first = text.charCodeAt(column);
    const blank = first === 10 || first === 13 || first === 35 || column >= end;
    if (!blank && column - lineStart <= indent) {
      return false;
    }
    lineStart = text.indexOf('\n', lineStart) + 1;
  }
  return true;
}

function isSelfContained(document: Document.Parsed, text: string): boolean {
  if (selfContained.has(document)) {
    return true;
  }
  const contentStart = isNode(document.contents) ? (document.contents.range?.[0] ?? 0) : 0;
  if (/^%/m.test(text.slice(0, contentStart)) || hasAnchorOrAlias(document)) {
    return false;
  }
  selfContained.add(document);
  return true;
}

function hasAnchorOrAlias(node: Document | YAMLMap): boolean {
  let found = false;
  visit(node, {
    Alias() {
      found = true;
      return visit.BREAK;
    },
    Node(_key, value) {
      if (value.anchor) {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Moves by `delta` every offset at or after `from`, in the document and all its nodes. */
function moveNodesAfter(document: Document.Parsed, from: number, delta: number): void {
  document.range = movedRange(document.range, from, delta);
  for (const problem of document.warnings) {
    problem.pos = [move(problem.pos[0], from, delta), move(problem.pos[1], from, delta)];
  }
  moveNode(document.contents, from, delta);
}

function moveNode(node: unknown, from: number, delta: number): void {
  if (!isNode(node) || !node.range || node.range[2] < from) {
    // Nothing in a node that ends before the edit moves.
    return;
  }
  node.range = movedRange(node.range, from, delta);
  if (isCollection(node)) {
    for (const item of node.items) {
      if (isPair(item)) {
        moveNode(item.key, from, delta);
        moveNode(item.value, from, delta);
      } else {
        moveNode(item, from, delta);
      }
    }
  }
}

function movedRange(range: Range, from: number, delta: number): Range {
  return [move(range[0], from, delta), move(range[1], from, delta), move(range[2], from, delta)];
}

function move(offset: number, from: number, delta: number): number {
  return offset >= from ? offset + delta : offset;
}

function isSpaces(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    if (text.charCodeAt(at) !== 32) {
      return false;
    }
  }
  return true;
}
