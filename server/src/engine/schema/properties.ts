import { type SchemaView, schemaAt, viewOf } from './navigator';

/** What the schemas say about one property, for hover, completion and messages. */
export interface PropertyDescription {
  description: string;
  markdownDescription?: string;
  default?: unknown;
  type?: string;
  enum?: readonly string[];
  /** True when Micronaut matches the enum in any case. */
  ignoreCase?: boolean;
  examples?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  deprecated?: boolean;
  /** The canonical path that replaces a deprecated property. */
  replacement?: string;
  /** True for secrets such as passwords: never show their value. */
  secret?: boolean;
  /** True when the schemas list every key of this mapping, so other keys are reported. */
  closed?: boolean;
}

/** A property one level below another, for completion. */
export interface ChildProperty extends PropertyDescription {
  /** The key, in kebab-case. */
  name: string;
  /** The canonical path of the property. */
  path: string[];
}

/**
 * Describes the property at a canonical kebab-case path such as
 * `['micronaut', 'server', 'ssl', 'port']`; undefined where the schemas do not model it.
 */
export function describeProperty(path: readonly string[]): PropertyDescription | undefined {
  const view = schemaAt(path);
  return view ? describeView(view) : undefined;
}

/** The properties the schemas name directly below a path, in schema order. */
export function childProperties(path: readonly string[]): ChildProperty[] {
  const view = schemaAt(path);
  if (!view) {
    return [];
  }
  return [...view.properties].map(([name, child]) => ({
    name,
    path: [...path, name],
    ...describeView(viewOf(child)),
  }));
}

/** The description of a view, with only the fields the schema sets. */
export function describeView(view: SchemaView): PropertyDescription {
  const node = view.node;
  const description: PropertyDescription = { description: node.description ?? '' };
  const optional: Partial<PropertyDescription> = {
    markdownDescription: node.markdownDescription,
    default: node.default,
    type: node.type,
    enum: node.enum,
    ignoreCase: node['x-ignore-case'],
    examples: node.examples,
    minimum: node.minimum,
    maximum: node.maximum,
    deprecated: node.deprecated,
    replacement: node['x-replacement'],
    secret: node.writeOnly,
    closed: view.closed || undefined,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      Object.assign(description, { [key]: value });
    }
  }
  return description;
}
