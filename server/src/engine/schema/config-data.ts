import { hasPlaceholder } from '../config/keys';
import type { Span } from '../model/span';
import { convertValue } from './micronaut-conversion';
import { schemaAt } from './navigator';

/** One step of a path into configuration data: a key, or an index into a list. */
export type DataStep = string | number;

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

  /** Records that `place` wrote the key or value at `steps`. */
  addPlace(steps: DataStep[], place: DataPlace): void {
    const pointer = pointerOf(steps);
    const location = this.locations.get(pointer);
    if (location) {
      location.places.push(place);
    } else {
      this.locations.set(pointer, { steps, places: [place] });
    }
  }

  /**
   * Sets the value at `steps`. Scalars are converted for the property's type; a value with a
   * placeholder or no value at all is kept as written and left unchecked.
   */
  setValue(steps: DataStep[], value: unknown): void {
    const pointer = pointerOf(steps);
    if (value === MAPPING) {
      this.assign(steps, MAPPING);
      return;
    }
    if (value === null || value === undefined || resolvedLater(value)) {
      this.unchecked.add(pointer);
      this.assign(steps, value ?? null);
      return;
    }
    this.assign(steps, convertValue(value, schemaAt(steps)));
  }

  private assign(steps: DataStep[], value: unknown): void {
    let container: Record<string | number, unknown> = this.root;
    steps.forEach((step, index) => {
      const next = steps[index + 1];
      if (next === undefined) {
        if (value !== MAPPING) {
          container[step] = value;
        } else if (!isMapping(container[step])) {
          container[step] = {};
        }
        return;
      }
      const child = container[step];
      const fits = typeof next === 'number' ? Array.isArray(child) : isMapping(child);
      if (!fits) {
        container[step] = typeof next === 'number' ? [] : {};
      }
      container = container[step] as Record<string | number, unknown>;
    });
  }
}

/**
 * True for a value that something resolves before Kestra reads it: a Micronaut placeholder
 * `${NAME}`, compose's `$NAME` interpolation or Kubernetes' `$(NAME)` expansion. Its final
 * value is unknown, so it is never a type error.
 */
export function resolvedLater(value: unknown): boolean {
  return hasPlaceholder(value) || (typeof value === 'string' && /\$(\(|[A-Za-z_])/.test(value));
}

/** The JSON pointer of a path, as ajv writes it in `instancePath`. */
export function pointerOf(steps: readonly DataStep[]): string {
  return steps.map((step) => `/${String(step).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The steps of a canonical segment: `protocols[0]` is the first item of `protocols`. */
export function segmentSteps(segment: string): DataStep[] {
  const match = /^([^[\]]+)((?:\[\d+\])+)$/.exec(segment);
  if (!match) {
    return [segment];
  }
  const indexes = [...(match[2] as string).matchAll(/\d+/g)].map((index) => Number(index[0]));
  return [match[1] as string, ...indexes];
}

function isMapping(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
