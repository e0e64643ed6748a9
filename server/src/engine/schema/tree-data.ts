import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { type ConfigEntry, configEntries, segmentSpan } from '../config/entries';
import { canonicalSegment } from '../config/keys';
import { type ConfigTree, type Property, treeSpan } from '../model/config';
import { keyText } from '../yaml/nodes';
import {
  ConfigData,
  childPath,
  type DataPath,
  MAPPING,
  resolvedLater,
  rootPath,
  segmentPath,
} from './config-data';

/**
 * The data of a configuration tree. A dotted key (`micronaut.server.ssl.port: 8443`) and
 * nested keys land in the same place, as Micronaut merges them. `entries` are the tree's
 * keys when the caller has listed them already.
 */
export function treeData(
  tree: ConfigTree,
  entries: readonly ConfigEntry[] = configEntries(tree),
): ConfigData {
  const data = new ConfigData();
  // The path each entry's value lives at, so that its children start from there.
  const paths = new Map<ConfigEntry, DataPath>();
  for (const entry of entries) {
    const parent = entry.parent ? paths.get(entry.parent) : rootPath();
    // A YAML merge key brings in keys from elsewhere; it is not a setting itself.
    const path = addEntry(data, tree, entry, parent ?? rootPath(), entry.key !== '<<');
    paths.set(entry, path);
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
  let path = rootPath();
  let offset = 2;
  canonical.forEach((segment, index) => {
    path = segmentPath(path, segment);
    const key = sameSegments ? (written[index] as string) : property.key;
    const keySpan = sameSegments
      ? segmentSpan(property.keySpan, property.key, offset, key.length)
      : property.keySpan;
    offset += key.length + 1;
    data.addPlace(path, {
      key,
      keySpan,
      fullKeySpan: property.keySpan,
      valueSpan: property.valueSpan,
      explicit: index === canonical.length - 1,
      written: index === canonical.length - 1 ? property.value : undefined,
    });
  });
  data.setValue(path, property.value);
  return data;
}

/**
 * Adds the places and the value of one entry below its parent's path, and returns the path
 * of its value. `record` is false for a key that is no setting, whose children still count.
 */
function addEntry(
  data: ConfigData,
  tree: ConfigTree,
  entry: ConfigEntry,
  parent: DataPath,
  record: boolean,
): DataPath {
  const written = entry.written;
  const parentLength = entry.path.length - written.length;
  let path = parent;
  let offset = 0;
  for (let index = 0; index < written.length; index++) {
    const key = written[index] as string;
    path = segmentPath(path, entry.path[parentLength + index] as string);
    const last = index === written.length - 1;
    if (record) {
      data.addPlace(path, {
        key,
        keySpan: segmentSpan(entry.keySpan, entry.key, offset, key.length),
        fullKeySpan: entry.keySpan,
        valueSpan: entry.valueSpan,
        explicit: last,
        written: last && isScalar(entry.value) ? entry.value.value : undefined,
      });
    }
    offset += key.length + 1;
  }
  if (record) {
    setNodeValue(data, tree, path, entry.value);
  }
  return path;
}

function setNodeValue(data: ConfigData, tree: ConfigTree, path: DataPath, node: Node | null) {
  if (isMap(node)) {
    data.setValue(path, MAPPING);
  } else if (isSeq(node)) {
    const values = node.items.map(plainValue);
    node.items.forEach((item, index) => {
      const range = (item as Node | null)?.range;
      const start = range?.[0] ?? 0;
      const span = treeSpan(tree, start, range?.[1] ?? start);
      const value = values[index];
      const itemPath = childPath(path, index);
      data.addPlace(itemPath, {
        key: '',
        keySpan: span,
        fullKeySpan: span,
        valueSpan: span,
        explicit: true,
        written: value,
      });
      if (resolvedLater(value)) {
        data.unchecked.add(itemPath.pointer);
      }
    });
    data.setValue(path, values);
  } else {
    data.setValue(path, isScalar(node) ? node.value : null);
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
