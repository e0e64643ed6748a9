import type { ErrorObject } from 'ajv/dist/2020';
import { type ConfigData, type DataPlace, type DataStep, pointerStep } from './config-data';
import type { SchemaView } from './navigator';
import { schemaErrors } from './validator';

/** A key the schemas do not know inside a mapping they model fully. */
export interface UnknownPropertyIssue {
  kind: 'unknown-property';
  /** The canonical steps of the unknown key. */
  steps: DataStep[];
  places: DataPlace[];
}

/** A value of the wrong type, outside an enum or a range, or of the wrong format. */
export interface InvalidValueIssue {
  kind: 'invalid-value';
  steps: DataStep[];
  /** Where the value that takes effect was written; Micronaut keeps the last one. */
  place: DataPlace;
  /** The failed JSON Schema keyword: `type`, `enum`, `minimum`, `format`... */
  keyword: string;
  /** The schema of the property, `$ref`s followed. */
  property: SchemaView;
}

/** A property Micronaut still reads but has replaced. */
export interface DeprecatedPropertyIssue {
  kind: 'deprecated-property';
  steps: DataStep[];
  places: DataPlace[];
  replacement: string | undefined;
}

export type SchemaIssue = UnknownPropertyIssue | InvalidValueIssue | DeprecatedPropertyIssue;

/** Validates configuration data and places every problem where it was written. */
export function schemaIssues(data: ConfigData): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const invalid = new Set<string>();
  for (const error of schemaErrors(data.root)) {
    const issue = issueOf(data, error);
    if (issue?.kind === 'invalid-value') {
      // One message a value: a wrong type also fails the enum or range that follows it.
      const pointer = error.instancePath;
      if (invalid.has(pointer)) {
        continue;
      }
      invalid.add(pointer);
    }
    if (issue) {
      issues.push(issue);
    }
  }
  for (const { steps, places, view } of data.locations.values()) {
    const property = view?.node;
    if (property?.deprecated) {
      issues.push({
        kind: 'deprecated-property',
        steps,
        places,
        replacement: property['x-replacement'],
      });
    }
  }
  return issues;
}

function issueOf(data: ConfigData, error: ErrorObject): SchemaIssue | undefined {
  const unknownKey = unknownKeyOf(error);
  if (unknownKey !== undefined) {
    const pointer = `${error.instancePath}/${pointerStep(unknownKey)}`;
    const location = data.locations.get(pointer);
    return location
      ? { kind: 'unknown-property', steps: location.steps, places: location.places }
      : undefined;
  }
  const location = data.locations.get(error.instancePath);
  const place = location?.places.filter((candidate) => candidate.explicit).at(-1);
  const property = location?.view;
  if (!location || !place || !property || data.unchecked.has(error.instancePath)) {
    return undefined;
  }
  return { kind: 'invalid-value', steps: location.steps, place, keyword: error.keyword, property };
}

function unknownKeyOf(error: ErrorObject): string | undefined {
  if (error.keyword === 'additionalProperties') {
    return (error.params as { additionalProperty: string }).additionalProperty;
  }
  if (error.keyword === 'unevaluatedProperties') {
    return (error.params as { unevaluatedProperty: string }).unevaluatedProperty;
  }
  return undefined;
}
