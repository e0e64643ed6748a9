import type { DataStep } from '../schema/config-data';
import type { DeprecatedPropertyIssue, InvalidValueIssue } from '../schema/index';
import { childProperties } from '../schema/index';
import type { SchemaNode } from '../schema/schema-node';

/** The dotted path of data steps, with list indexes in brackets: `ssl.protocols[0]`. */
export function pathText(steps: readonly DataStep[]): string {
  return steps
    .map((step, index) =>
      typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`,
    )
    .join('');
}

/** Who reads a property, for messages: Kestra for its own keys, Micronaut for the rest. */
function owner(steps: readonly DataStep[]): string {
  return steps[0] === 'kestra' ? 'Kestra' : 'Micronaut';
}

/** Why an unknown key matters and what to write instead. */
export function unknownPropertyMessage(
  written: string,
  steps: readonly DataStep[],
  suggestion: string | undefined,
): string {
  const parent = steps.slice(0, -1);
  const start =
    `\`${written}\` is not a setting of \`${pathText(parent)}\`, ` +
    `so ${owner(steps)} ignores it.`;
  if (suggestion !== undefined) {
    return `${start} Did you mean \`${suggestion}\`?`;
  }
  const known = childProperties(parent.filter((step) => typeof step === 'string'))
    .filter((child) => !child.deprecated)
    .map((child) => child.name);
  return `${start} Known settings here: ${known.join(', ')}.`;
}

/** What Kestra does with an invalid value and which values it takes. */
export function invalidValueMessage(issue: InvalidValueIssue, source?: string): string {
  const node = issue.property.node;
  const path = pathText(issue.steps);
  const from = source === undefined ? '' : ` (set by \`${source}\`)`;
  const shown = valueText(issue.place.written, node);
  if (issue.keyword === 'type' && node.type === 'object') {
    const what = issue.place.written === undefined ? 'what is written here' : shown;
    return (
      `\`${path}\`${from} holds settings, not a single value: ${owner(issue.steps)} ignores ` +
      `${what}. Write its settings below it.`
    );
  }
  return (
    `${shown} is not a valid \`${path}\`${from}: ${effect(issue, node)}. ` +
    `Use ${allowedText(node)}.`
  );
}

/** The values a quick fix may offer, when they can be listed. */
export function allowedValues(node: SchemaNode): string[] | undefined {
  if (node.enum) {
    return [...node.enum];
  }
  return node.type === 'boolean' ? ['true', 'false'] : undefined;
}

/** Why a deprecated property should move, and where to. */
export function deprecatedPropertyMessage(issue: DeprecatedPropertyIssue, source?: string): string {
  const from = source === undefined ? '' : ` (set by \`${source}\`)`;
  const start =
    `\`${pathText(issue.steps)}\`${from} is deprecated: ` +
    'Micronaut still reads it but logs a warning at every start-up.';
  return issue.replacement === undefined
    ? `${start} Remove it.`
    : `${start} Use \`${issue.replacement}\` instead.`;
}

function valueText(written: unknown, node: SchemaNode): string {
  if (node.writeOnly || written === undefined) {
    // Secrets are never repeated, not even in a diagnostic.
    return 'This value';
  }
  const text = String(written);
  return `\`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\``;
}

function effect(issue: InvalidValueIssue, node: SchemaNode): string {
  const keyword = issue.keyword;
  const custom = node['x-invalid-effect'];
  if (custom !== undefined) {
    return custom;
  }
  if (node.type === 'boolean') {
    // Micronaut converts text to a boolean, reading unknown words as false; it has no
    // conversion from a number, so a YAML `1` does not turn anything on.
    return typeof issue.place.written === 'string'
      ? 'Micronaut reads anything but true, yes, y or on as false'
      : 'Micronaut does not read it as true or false';
  }
  if (keyword === 'type' && node.type === 'string') {
    return 'Micronaut cannot read it as text';
  }
  if (keyword === 'type' && node.type === 'array') {
    return 'Micronaut cannot read it as a list';
  }
  return 'Kestra fails at start-up';
}

function allowedText(node: SchemaNode): string {
  const custom = node['x-allowed'];
  if (custom !== undefined) {
    return custom;
  }
  if (node.enum) {
    return `one of ${node.enum.join(', ')}${node['x-ignore-case'] ? ' (in any case)' : ''}`;
  }
  switch (node.type) {
    case 'boolean':
      return 'true or false';
    case 'integer':
      return node.minimum !== undefined && node.maximum !== undefined
        ? `a whole number from ${node.minimum} to ${node.maximum}`
        : 'a whole number';
    case 'array':
      return 'a list, or text with commas between the items';
    default:
      return node.maxLength === undefined ? 'text' : `text of at most ${node.maxLength} characters`;
  }
}
