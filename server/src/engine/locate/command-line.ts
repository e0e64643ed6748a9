import { isScalar, isSeq, type Scalar } from 'yaml';
import type { Property } from '../model/config';
import type { Span } from '../model/span';
import type { CommandLine } from '../model/workload';
import { OffsetMap } from '../text/offset-map';
import { type ShellWord, splitShellWords } from './shell-words';

/** A word of the command line and the map that places its characters in the document. */
interface Word extends ShellWord {
  map: OffsetMap;
}

const SERVER_COMMANDS = new Set([
  'standalone',
  'webserver',
  'executor',
  'indexer',
  'scheduler',
  'worker',
  'local',
  'executors',
]);

/**
 * Reads a Kestra command line (compose `command`, or Kubernetes `command` and `args`)
 * and the properties its flags set: `--port` sets `micronaut.server.port`. A shell script
 * run with `sh -c` or `bash -c`, as in `["-c", "/app/kestra server standalone"]`, is read
 * as the command line it runs.
 */
export function readCommandLine(
  nodes: unknown[],
  text: string,
): { command: CommandLine; properties: Property[] } | undefined {
  const words = expandShellScripts(nodes.flatMap((node) => commandWords(node, text)));
  if (words.length === 0) {
    return undefined;
  }
  const properties: Property[] = [];
  const configFiles: { path: string; span: Span }[] = [];
  let serverCommand: string | undefined;
  words.forEach((word, index) => {
    const previous = words[index - 1]?.text;
    if (previous === 'server' && SERVER_COMMANDS.has(word.text)) {
      serverCommand = word.text;
    }
    const flag = flagValue(word, words[index + 1]);
    if (!flag) {
      return;
    }
    if (flag.name === '--port' || flag.name === '-p') {
      properties.push({
        path: 'micronaut.server.port',
        key: flag.name,
        value: flag.value,
        origin: 'command-line',
        keySpan: spanOf(word, 0, flag.name.length),
        valueSpan: flag.span,
      });
    } else if (flag.name === '-c' || flag.name === '--config') {
      configFiles.push({ path: flag.value, span: flag.span });
    }
  });
  const first = words[0] as Word;
  const last = words[words.length - 1] as Word;
  return {
    command: {
      words: words.map((word) => word.text),
      serverCommand,
      configFiles,
      span: { start: spanOf(first).start, end: spanOf(last).end },
    },
    properties,
  };
}

/** The document span of characters `from` to `to` of a word (the whole word by default). */
function spanOf(word: Word, from = 0, to = word.text.length): Span {
  if (to <= from) {
    const at = word.map.toHost(word.positions[from] ?? word.end);
    return { start: at, end: at };
  }
  const start = word.positions[from] as number;
  const end = (word.positions[to - 1] as number) + 1;
  return word.map.spanToHost(start, end);
}

function flagValue(
  word: Word,
  next: Word | undefined,
): { name: string; value: string; span: Span } | undefined {
  if (!word.text.startsWith('-')) {
    return undefined;
  }
  const equals = word.text.indexOf('=');
  if (equals !== -1) {
    return {
      name: word.text.slice(0, equals),
      value: word.text.slice(equals + 1),
      span: spanOf(word, equals + 1),
    };
  }
  return next && !next.text.startsWith('-')
    ? { name: word.text, value: next.text, span: spanOf(next) }
    : undefined;
}

/**
 * Replaces `-c SCRIPT` by the words of SCRIPT when SCRIPT holds blanks: a path given to
 * Kestra's own `-c` never does, a script for the shell always does.
 */
function expandShellScripts(words: Word[]): Word[] {
  const expanded: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    const next = words[i + 1];
    if (word.text === '-c' && next && /\s/.test(next.text)) {
      const script = splitShellWords(next.text).map((inner) => ({
        ...inner,
        positions: inner.positions.map((at) => next.positions[at] as number),
        end: next.positions[inner.end] ?? next.end,
        map: next.map,
      }));
      expanded.push(...script);
      i++;
    } else {
      expanded.push(word);
    }
  }
  return expanded;
}

function commandWords(node: unknown, text: string): Word[] {
  if (isSeq(node)) {
    // The exec form: each item is one word, whatever blanks it holds.
    return node.items.flatMap((item) => {
      if (!isScalar(item) || item.value === null || typeof item.value === 'object') {
        return [];
      }
      const value = String(item.value);
      const positions = Array.from({ length: value.length }, (_, index) => index);
      return [{ text: value, positions, end: value.length, map: scalarMap(text, item) }];
    });
  }
  if (isScalar(node) && typeof node.value === 'string') {
    // Compose splits a string command as a shell would, quotes included.
    const map = scalarMap(text, node);
    return splitShellWords(node.value).map((word) => ({ ...word, map }));
  }
  return [];
}

function scalarMap(text: string, scalar: Scalar): OffsetMap {
  if (typeof scalar.value === 'string') {
    return OffsetMap.forScalar(text, scalar);
  }
  // Numbers and booleans stand as written.
  const [start = 0, end = start] = scalar.range ?? [];
  return OffsetMap.identity(start, end - start);
}
