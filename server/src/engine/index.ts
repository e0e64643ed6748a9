/** The engine's public surface, shared by the language server, the CLI and tests. */
export type { Deployment, DeploymentKind, WorkspaceIndex } from './deployment/deployment';
export type { Setting } from './deployment/effective-config';
export { NodeFileSystem, type WorkspaceFileSystem } from './deployment/file-system';
export type { Listening, ListeningPort } from './deployment/listening';
export type { Completions, PropertyCompletion } from './describe/completions-at';
export type { PropertyDescription } from './describe/property-at';
export { DIAGNOSTIC_SOURCE, type EngineDiagnostic } from './diagnostic';
export type { RuleSettings, Severity, SeveritySetting } from './rules/finding';
export type { RuleDescription } from './rules/rule';
export type { Position, Range } from './text/line-index';
export { warmUp, warmUpSteps } from './warm-up';
export { ruleDescriptions, Workspace, type WorkspaceOptions } from './workspace';
