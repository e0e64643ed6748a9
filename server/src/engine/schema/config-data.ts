import { hasPlaceholder } from '../config/keys';
import type { Span } from '../model/span';
import { convertValue } from './micronaut-conversion';
import { childView, rootView, type SchemaView } from './navigator';

/** One step of a path into configuration data: a key, or an index into a list. */
export type DataStep = string | number;

/**
 * A path into the data with what the checks need of it, derived once from its parent's: its
 * JSON pointer and the schema that applies there. A configuration of 30 keys otherwise
 * builds each pointer and walks the schemas from the root again for every key.
 */
export interface DataPath {
  readonly steps: DataStep[];
  /** The JSON pointer, as ajv writes it in `instancePath`. */
  readonly pointer: string;
  /** The schema of the property; undefined where the schemas do not model the path. */
  readonly view: SchemaView | undefined;
}

/** Where a key or a value of the data was written. */
export interface DataPlace {
  /** The key segment as written (`keyStore`), empty for a list item. */
  key: string;
  /** The span of that segment: part of a dotted key such as `micronaut.server.ssl.port`. */
  keySpan: Span;
  /** The span of the whole key as written. */
  fullKeySpan: Span;
  valueSpan: Span;
  /** True where a value was written; false for the leading segments of a dotted key. */
  explicit: boolean;
  /** The value as written, before conversion; undefined for mappings and lists. */
  written: unknown;
}

/** Everything written at one JSON pointer of the data. */
export interface DataLocation {
  steps: DataStep[];
  /** The schema of the property at this place, if the schemas model it. */
  view: SchemaView | undefined;
  places: DataPlace[];
}

/** Marks a value that is a mapping, whose keys are set one by one. */
export const MAPPING: unique symbol = Symbol('mapping');

/**
 * Configuration turned into plain data for the schema validator, with canonical keys and
 * values converted the way Micronaut converts them, and for every JSON pointer the places
 * in the document that wrote it, so that a validation error finds its way back to the text.
 */
export class ConfigData {
  readonly root: Record<string, unknown> = {};
  readonly locations = new Map<string, DataLocation>();
  /** Pointers whose value is not checked: placeholders resolved at start-up, empty values. */
  readonly unchecked = new Set<string>();

  /** Records that `place` wrote the key or value at `path`. */
  addPlace(path: DataPath, place: DataPlace): void {
    const location = this.locations.get(path.pointer);
    if (location) {
      location.places.push(place);
    } else {
      this.locations.set(path.pointer, { steps: path.steps, view: path.view, places: [place] });
    }
  }

  /**
   * Sets the value at `path`. Scalars are converted for the property's type; a value with a
   * placeholder or no value at all is kept as written and left unchecked.
   */
  setValue(path: DataPath, value: unknown): void {
    if (value === MAPPING) {
      this.assign(path.steps, MAPPING);
      return;
    }
    if (value === null || value === undefined || resolvedLater(value)) {
      this.unchecked.add(path.pointer);
      this.assign(path.steps, value ?? null);
      return;
    }
    this.assign(path.steps, convertValue(value, path.view));
  }

  private assign(steps: readonly DataStep[], value: unknown): void {
    let container: Record<string | number, unknown> = this.root;
    const last = steps.length - 1;
    for (let index = 0; index < last; index++) {
      const step = steps[index] as DataStep;
      const next = steps[index + 1];
      const child = container[step];
      const fits = typeof next === 'number' ? Array.isArray(child) : isMapping(child);
      if (!fits) {
        container[step] = typeof next === 'number' ? [] : {};
      }
      container = container[step] as Record<string | number, unknown>;
    }
    const step = steps[last];
    if (step === undefined) {
      return;
    }
    if (value !== MAPPING) {
      container[step] = value;
    } else if (!isMapping(container[step])) {
      container[step] = {};
    }
  }
}

let root: DataPath | undefined;

/** The path of the whole configuration. */
export function rootPath(): DataPath {
  root ??= { steps: [], pointer: '', view: rootView() };
  return root;
}

/** The path one step below `parent`. */
export function childPath(parent: DataPath, step: DataStep): DataPath {
  return {
    steps: [...parent.steps, step],
    pointer: `${parent.pointer}/${pointerStep(step)}`,
    view: parent.view && childView(parent.view, step),
  };
}

/** The path below `parent` of a canonical segment: `protocols[0]` takes two steps. */
export function segmentPath(parent: DataPath, segment: string): DataPath {
  let path = parent;
  for (const step of segmentSteps(segment)) {
    path = childPath(path, step);
  }
  return path;
}

/** One step of a JSON pointer, escaped as RFC 6901 asks. */
export function pointerStep(step: DataStep): string {
  const text = String(step);
  return text.includes('~') || text.includes('/')
    ? text.replace(/~/g, '~0').replace(/\//g, '~1')
    : text;
}

/**
 * True for a value that something resolves before Kestra reads it: a Micronaut placeholder
 * `${NAME}`, compose's `$NAME` interpolation or Kubernetes' `$(NAME)` expansion. Its final
 * value is unknown, so it is never a type error.
 */
export function resolvedLater(value: unknown): boolean {
  return hasPlaceholder(value) || (typeof value === 'string' && /\$(\(|[A-Za-z_])/.test(value));
}

/** The steps of a canonical segment: `protocols[0]` is the first item of `protocols`. */
export function segmentSteps(segment: string): DataStep[] {
  const match = segment.endsWith(']') ? /^([^[\]]+)((?:\[\d+\])+)$/.exec(segment) : null;
  if (!match) {
    return [segment];
  }
  const indexes = [...(match[2] as string).matchAll(/\d+/g)].map((index) => Number(index[0]));
  return [match[1] as string, ...indexes];
}

function isMapping(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
