/**
 * What the JSON schemas under `schemas/` say about Kestra's configuration, for the rules,
 * hover, completion and the binding of environment variables.
 */
export type { DataPlace, DataStep } from './config-data';
export { knownPropertyPaths } from './known-paths';
export {
  type ChildProperty,
  childProperties,
  describeProperty,
  type PropertyDescription,
} from './properties';
export {
  type DeprecatedPropertyIssue,
  type InvalidValueIssue,
  type SchemaIssue,
  schemaIssues,
  type UnknownPropertyIssue,
} from './schema-issues';
export { suggestKey } from './suggestion';
export { propertyData, treeData } from './tree-data';
