import { isScalar, isSeq } from 'yaml';
import type { Property } from '../model/config';
import type { Span } from '../model/span';
import type { CommandLine } from '../model/workload';
import { OffsetMap } from '../text/offset-map';
import { nodeSpan, scalarText } from '../yaml/nodes';

interface Word {
  text: string;
  span: Span;
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
 * and the properties its flags set: `--port` sets `micronaut.server.port`.
 */
export function readCommandLine(
  nodes: unknown[],
  text: string,
): { command: CommandLine; properties: Property[] } | undefined {
  const words = nodes.flatMap((node) => commandWords(node, text));
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
        value: flag.value.text,
        origin: 'command-line',
        keySpan: word.span,
        valueSpan: flag.value.span,
      });
    } else if (flag.name === '-c' || flag.name === '--config') {
      configFiles.push({ path: flag.value.text, span: flag.value.span });
    }
  });
  const first = words[0] as Word;
  const last = words[words.length - 1] as Word;
  return {
    command: {
      words: words.map((word) => word.text),
      serverCommand,
      configFiles,
      span: { start: first.span.start, end: last.span.end },
    },
    properties,
  };
}

function flagValue(word: Word, next: Word | undefined): { name: string; value: Word } | undefined {
  if (!word.text.startsWith('-')) {
    return undefined;
  }
  const equals = word.text.indexOf('=');
  if (equals !== -1) {
    const valueStart = word.span.start + equals + 1;
    return {
      name: word.text.slice(0, equals),
      value: { text: word.text.slice(equals + 1), span: { start: valueStart, end: word.span.end } },
    };
  }
  return next && !next.text.startsWith('-') ? { name: word.text, value: next } : undefined;
}

function commandWords(node: unknown, text: string): Word[] {
  if (isSeq(node)) {
    return node.items.flatMap((item) => {
      const value = scalarText(item);
      return value === undefined ? [] : [{ text: value, span: nodeSpan(item) }];
    });
  }
  if (isScalar(node) && typeof node.value === 'string') {
    const map = OffsetMap.forScalar(text, node);
    return [...node.value.matchAll(/\S+/g)].map((match) => {
      const start = match.index ?? 0;
      return { text: match[0], span: map.spanToHost(start, start + match[0].length) };
    });
  }
  return [];
}
