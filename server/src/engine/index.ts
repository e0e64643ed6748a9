/** The engine's public surface, shared by the language server, the CLI and tests. */
export { DIAGNOSTIC_SOURCE, type EngineDiagnostic } from './diagnostic';
export type { RuleSettings, Severity, SeveritySetting } from './rules/finding';
export { ruleDescriptions } from './rules/index';
export type { RuleDescription } from './rules/rule';
export type { Position, Range } from './text/line-index';
export { Workspace, type WorkspaceOptions } from './workspace';
