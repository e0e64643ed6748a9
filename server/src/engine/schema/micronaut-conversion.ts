import { type SchemaView, viewOf } from './navigator';

/** Strings Micronaut reads as true; it reads every other string as false. */
export const TRUE_WORDS: readonly string[] = ['true', 'yes', 'y', 'on'];

/** Strings that clearly mean false; anything else but TRUE_WORDS is also false, by accident. */
export const FALSE_WORDS: readonly string[] = ['false', 'no', 'n', 'off'];

/**
 * Converts a value as Micronaut's conversion service does before it binds a property of the
 * schema's type, so that validation sees what Kestra will see: `"8443"` becomes 8443, `"yes"`
 * becomes true, `want` becomes `WANT`, `TLSv1.2,TLSv1.3` becomes a list. A value Micronaut
 * cannot convert comes back unchanged, and validation reports it.
 */
export function convertValue(value: unknown, view: SchemaView | undefined): unknown {
  switch (view?.node.type) {
    case 'integer':
    case 'number':
      return toNumber(value);
    case 'boolean':
      return toBoolean(value);
    case 'string':
      return toText(value, view);
    case 'array':
      return toList(value, view);
    default:
      return value;
  }
}

function toNumber(value: unknown): unknown {
  // Micronaut parses with Integer.valueOf, which takes an optional sign and digits only.
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value)) {
    return Number(value);
  }
  return value;
}

function toBoolean(value: unknown): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  const word = value.toLowerCase();
  if (TRUE_WORDS.includes(word)) {
    return true;
  }
  return FALSE_WORDS.includes(word) ? false : value;
}

function toText(value: unknown, view: SchemaView): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  const members = view.node.enum;
  if (typeof value === 'string' && members && view.node['x-ignore-case']) {
    // Micronaut tries the exact constant, then the upper-case form of the value.
    const upper = value.toUpperCase().replace(/-/g, '_');
    return members.find((member) => member === value || member === upper) ?? value;
  }
  return value;
}

function toList(value: unknown, view: SchemaView): unknown {
  const items = view.items ? viewOf(view.items) : undefined;
  if (Array.isArray(value)) {
    return value.map((item) => convertValue(item, items));
  }
  if (typeof value === 'string') {
    // Micronaut splits a single string at commas when it binds a list.
    return value.split(',').map((item) => convertValue(item, items));
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return [convertValue(value, items)];
  }
  return value;
}
