import { ROOT_SCHEMA_ID, SCHEMA_FILES } from './schema-files';
import type { SchemaNode } from './schema-node';

/** A schema node with the file it stands in, which its relative `$ref`s resolve against. */
interface LocatedNode {
  node: SchemaNode;
  file: string;
}

/**
 * What a schema says about one place of a configuration once `$ref`s are followed: the
 * referenced schema's keywords overlaid with the node's own, as JSON Schema 2020-12 applies
 * both. Our schemas use `$ref` with siblings to reuse the SSL block and to mark a shared
 * property deprecated in one place only.
 */
export interface SchemaView {
  /** The merged keywords; `properties` are in the map below. */
  node: SchemaNode;
  properties: ReadonlyMap<string, LocatedNode>;
  /** The schema of keys not named in `properties`, as for `datasources.<name>`. */
  additional: LocatedNode | undefined;
  /** True when keys not named are reported: the schema models this mapping fully. */
  closed: boolean;
  items: LocatedNode | undefined;
}

const EMPTY: SchemaView = {
  node: {},
  properties: new Map(),
  additional: undefined,
  closed: false,
  items: undefined,
};

const views = new WeakMap<SchemaNode, SchemaView>();

let root: SchemaView | undefined;

/** The view of the whole configuration. */
export function rootView(): SchemaView {
  root ??= viewOf(locate(ROOT_SCHEMA_ID, ''));
  return root;
}

/**
 * The view of the property at a canonical path, following named properties first and the
 * schema for other keys second; a number steps into a list's items. Undefined where the
 * schemas do not model the path.
 */
export function schemaAt(path: readonly (string | number)[]): SchemaView | undefined {
  let view: SchemaView | undefined = rootView();
  for (const segment of path) {
    view = childView(view, segment);
    if (!view) {
      return undefined;
    }
  }
  return view;
}

/**
 * The view one step below another: a named property, else the schema for other keys; a
 * number steps into a list's items. Undefined where the schemas do not model the step.
 */
export function childView(view: SchemaView, step: string | number): SchemaView | undefined {
  const child =
    typeof step === 'number' ? view.items : (view.properties.get(step) ?? view.additional);
  return child ? viewOf(child) : undefined;
}

/** The view of a located node, computed once. */
export function viewOf(located: LocatedNode): SchemaView {
  const known = views.get(located.node);
  if (known) {
    return known;
  }
  const view = mergeView(located);
  views.set(located.node, view);
  return view;
}

function mergeView({ node, file }: LocatedNode): SchemaView {
  const base = node.$ref ? viewOf(resolveRef(node.$ref, file)) : EMPTY;
  const properties = new Map(base.properties);
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    properties.set(name, { node: child, file });
  }
  const { properties: _properties, $ref: _ref, $defs: _defs, ...own } = node;
  return {
    node: { ...base.node, ...own },
    properties,
    additional:
      typeof node.additionalProperties === 'object'
        ? { node: node.additionalProperties, file }
        : base.additional,
    closed:
      base.closed || node.additionalProperties === false || node.unevaluatedProperties === false,
    items: node.items ? { node: node.items, file } : base.items,
  };
}

function resolveRef(ref: string, file: string): LocatedNode {
  const hash = ref.indexOf('#');
  const target = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? '' : ref.slice(hash + 1);
  return locate(target === '' ? file : target, pointer);
}

function locate(file: string, pointer: string): LocatedNode {
  const root = SCHEMA_FILES.get(file);
  if (!root) {
    throw new Error(`No schema has the $id ${file}`);
  }
  let node: unknown = root;
  for (const part of pointer.split('/').filter(Boolean)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  if (typeof node !== 'object' || node === null) {
    throw new Error(`The schema ${file} has nothing at ${pointer}`);
  }
  return { node: node as SchemaNode, file };
}
