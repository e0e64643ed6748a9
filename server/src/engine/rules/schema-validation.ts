import type { ConfigTree, Property } from '../model/config';
import type { DocumentModel } from '../model/document';
import { type SchemaIssue, schemaIssues, suggestKey } from '../schema/index';
import { propertyData, treeData } from '../schema/tree-data';
import type { Finding } from './finding';
import type { DocumentRule, TreeContext } from './rule';
import {
  allowedValues,
  deprecatedPropertyMessage,
  invalidValueMessage,
  pathText,
  unknownPropertyMessage,
} from './schema-messages';

/**
 * Checks configuration against the JSON schemas: unknown keys where the schemas list every
 * key, invalid values, and deprecated properties. Flat properties (environment variables,
 * `-D` options, `--port`) get the value and deprecation checks too.
 */
export const schemaValidationRule: DocumentRule = {
  rules: [
    {
      code: 'unknown-property',
      defaultSeverity: 'warning',
      summary:
        'A key Micronaut or Kestra does not know in a fully modelled block, ' +
        'such as `keystore` for `key-store`.',
    },
    {
      code: 'invalid-value',
      defaultSeverity: 'error',
      summary:
        'A value of the wrong type, outside its allowed values or range, ' +
        'or not an email address where Kestra needs one.',
    },
    {
      code: 'deprecated-property',
      defaultSeverity: 'warning',
      summary: 'A property Micronaut has replaced, such as `micronaut.ssl.port`.',
    },
  ],
  checkTree: treeFindings,
  check(model: DocumentModel): Finding[] {
    return model.workloads.flatMap((workload) =>
      workload.containers.flatMap((container) => container.properties.flatMap(propertyFindings)),
    );
  },
};

function treeFindings(tree: ConfigTree, context: TreeContext): Finding[] {
  if (tree.root === null) {
    return [];
  }
  return schemaIssues(treeData(tree, context.entries())).flatMap((issue) => findingsOf(issue));
}

function propertyFindings(property: Property): Finding[] {
  // Environment variable names map to paths by guesswork, so an unknown one is no finding.
  const reportUnknown = property.origin === 'java-options';
  return schemaIssues(propertyData(property))
    .filter((issue) => reportUnknown || issue.kind !== 'unknown-property')
    .flatMap((issue) => findingsOf(issue, property.key));
}

function findingsOf(issue: SchemaIssue, source?: string): Finding[] {
  const path = pathText(issue.steps);
  switch (issue.kind) {
    case 'unknown-property':
      return issue.places.map((place) => {
        const suggestion = suggestKey(place.key, issue.steps.slice(0, -1));
        return {
          code: 'unknown-property',
          severity: 'warning',
          message: unknownPropertyMessage(place.key, issue.steps, suggestion),
          span: place.keySpan,
          data: { key: place.key, path, ...(suggestion === undefined ? {} : { suggestion }) },
        };
      });
    case 'invalid-value': {
      const allowed = allowedValues(issue.property.node);
      return [
        {
          code: 'invalid-value',
          severity: 'error',
          message: invalidValueMessage(issue, source),
          span: issue.place.valueSpan,
          data: { path, ...(allowed === undefined ? {} : { allowed }) },
        },
      ];
    }
    case 'deprecated-property':
      return issue.places.map((place) => ({
        code: 'deprecated-property',
        severity: 'warning',
        message: deprecatedPropertyMessage(issue, source),
        span: place.keySpan,
        data: { path, replacement: issue.replacement },
      }));
  }
}
