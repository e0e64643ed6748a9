import type { Node } from 'yaml';
import type { OffsetMap } from '../text/offset-map';
import type { Span } from './span';

/** Where a piece of Kestra or Micronaut configuration was written. */
export type ConfigOrigin =
  | 'KESTRA_CONFIGURATION'
  | 'config-file'
  | 'configmap-file'
  | 'secret-file'
  | 'helm-configuration';

/** A syntax error in an embedded configuration, already placed in the host file. */
export interface EmbeddedSyntaxError {
  message: string;
  span: Span;
}

/**
 * A YAML configuration tree: the text of KESTRA_CONFIGURATION, a ConfigMap entry, a Helm
 * value or a whole application.yml. Offsets of `root` nodes are offsets into `text`;
 * `toHost` turns them into offsets into the document that holds it.
 */
export interface ConfigTree {
  origin: ConfigOrigin;
  /** What users call it, for messages: `KESTRA_CONFIGURATION`, `application.yml`. */
  label: string;
  /** The root of the configuration; null when it is empty or not a mapping. */
  root: Node | null;
  /** True when the tree is the YAML of the document itself rather than a string inside it. */
  inline: boolean;
  /** Maps an offset of a `root` node to the document. */
  map: OffsetMap | null;
  /** The embedded text the tree was parsed from; null when the tree is inline. */
  text: string | null;
  /** The span, in the document, of the value that holds the configuration. */
  span: Span;
  syntaxErrors: EmbeddedSyntaxError[];
}

/** Converts a node range of a configuration tree into a span of the document. */
export function treeSpan(tree: ConfigTree, start: number, end: number): Span {
  if (tree.map === null) {
    return { start, end };
  }
  return tree.map.spanToHost(start, end);
}

/** Where a flat property came from. */
export type PropertyOrigin = 'environment' | 'java-options' | 'command-line';

/**
 * A single configuration property written outside a YAML tree: a `MICRONAUT_*` variable,
 * a `-D` JVM option or a command-line flag.
 */
export interface Property {
  /** Canonical kebab-case path, for example `micronaut.server.ssl.port`. */
  path: string;
  /** The key as written: `MICRONAUT_SERVER_SSL_PORT`, `-Dmicronaut.server.ssl.port`. */
  key: string;
  value: string;
  origin: PropertyOrigin;
  keySpan: Span;
  valueSpan: Span;
}
