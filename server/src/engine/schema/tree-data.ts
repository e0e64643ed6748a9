import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { type ConfigEntry, configEntries } from '../config/entries';
import { canonicalSegment } from '../config/keys';
import { type ConfigTree, type Property, treeSpan } from '../model/config';
import type { Span } from '../model/span';
import { keyText } from '../yaml/nodes';
import {
  ConfigData,
  type DataStep,
  MAPPING,
  pointerOf,
  resolvedLater,
  segmentSteps,
} from './config-data';

/**
 * The data of a configuration tree. A dotted key (`micronaut.server.ssl.port: 8443`) and
 * nested keys land in the same place, as Micronaut merges them.
 */
export function treeData(tree: ConfigTree): ConfigData {
  const data = new ConfigData();
  for (const entry of configEntries(tree)) {
    // A YAML merge key brings in keys from elsewhere; it is not a setting itself.
    if (entry.key !== '<<') {
      addEntry(data, tree, entry);
    }
  }
  return data;
}

/** The data of one flat property: an environment variable, a `-D` option or a flag. */
export function propertyData(property: Property): ConfigData {
  const data = new ConfigData();
  const canonical = property.path.split('.');
  // Only a `-D` option spells its segments as written; a variable's name is upper-case words.
  const written = property.origin === 'java-options' ? property.key.slice(2).split('.') : [];
  const sameSegments = written.length === canonical.length;
  let steps: DataStep[] = [];
  let offset = 2;
  canonical.forEach((segment, index) => {
    steps = [...steps, ...segmentSteps(segment)];
    const key = sameSegments ? (written[index] as string) : property.key;
    const keySpan = sameSegments
      ? segmentSpan(property.keySpan, property.key, offset, key.length)
      : property.keySpan;
    offset += key.length + 1;
    data.addPlace(steps, {
      key,
      keySpan,
      fullKeySpan: property.keySpan,
      valueSpan: property.valueSpan,
      explicit: index === canonical.length - 1,
      written: index === canonical.length - 1 ? property.value : undefined,
    });
  });
  data.setValue(steps, property.value);
  return data;
}

function addEntry(data: ConfigData, tree: ConfigTree, entry: ConfigEntry): void {
  const written = entry.key.split('.');
  const parentLength = entry.path.length - written.length;
  let steps = entry.path.slice(0, parentLength).flatMap(segmentSteps);
  let offset = 0;
  written.forEach((key, index) => {
    steps = [...steps, ...segmentSteps(entry.path[parentLength + index] as string)];
    const last = index === written.length - 1;
    data.addPlace(steps, {
      key,
      keySpan: segmentSpan(entry.keySpan, entry.key, offset, key.length),
      fullKeySpan: entry.keySpan,
      valueSpan: entry.valueSpan,
      explicit: last,
      written: last && isScalar(entry.value) ? entry.value.value : undefined,
    });
    offset += key.length + 1;
  });
  setNodeValue(data, tree, steps, entry.value);
}

function setNodeValue(data: ConfigData, tree: ConfigTree, steps: DataStep[], node: Node | null) {
  if (isMap(node)) {
    data.setValue(steps, MAPPING);
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const [start = 0, end = start] = (item as Node | null)?.range ?? [];
      const span = treeSpan(tree, start, end);
      const value = plainValue(item);
      data.addPlace([...steps, index], {
        key: '',
        keySpan: span,
        fullKeySpan: span,
        valueSpan: span,
        explicit: true,
        written: value,
      });
      if (resolvedLater(value)) {
        data.unchecked.add(pointerOf([...steps, index]));
      }
    });
    data.setValue(steps, node.items.map(plainValue));
  } else {
    data.setValue(steps, isScalar(node) ? node.value : null);
  }
}

/** A node as plain data with canonical keys, for lists whose items are mappings. */
function plainValue(node: unknown): unknown {
  if (isScalar(node)) {
    return node.value;
  }
  if (isSeq(node)) {
    return node.items.map(plainValue);
  }
  if (isMap(node)) {
    const result: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = keyText(pair);
      if (key !== undefined) {
        result[key.split('.').map(canonicalSegment).join('.')] = plainValue(pair.value);
      }
    }
    return result;
  }
  return null;
}

/**
 * The span of one segment of a key: exact when the key stands verbatim in the text (plain
 * or quoted), the whole key otherwise.
 */
function segmentSpan(keySpan: Span, key: string, offset: number, length: number): Span {
  const width = keySpan.end - keySpan.start;
  const quote = width === key.length + 2 ? 1 : width === key.length ? 0 : undefined;
  if (quote === undefined) {
    return keySpan;
  }
  const start = keySpan.start + quote + offset;
  return { start, end: start + length };
}
