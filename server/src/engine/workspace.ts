import { type DeepValidationOptions, deepValidationOptions } from './deep/options';
import { buildIndex } from './deployment/build-index';
import type { WorkspaceIndex } from './deployment/deployment';
import { NodeFileSystem, type WorkspaceFileSystem } from './deployment/file-system';
import { type Completions, completionsAt } from './describe/completions-at';
import { type PropertyDescription, propertyAt } from './describe/property-at';
import { DIAGNOSTIC_SOURCE, type EngineDiagnostic } from './diagnostic';
import { analyzeFile, type FileAnalysis } from './file-analysis';
import { analyzeDocument } from './locate/analyze-document';
import { isSpan, type Span, shiftSpan } from './model/span';
import { type WorkspaceRule, workspaceRules } from './rules/cross/index';
import type { Finding, RuleSettings } from './rules/finding';
import { documentRules } from './rules/index';
import type { DocumentRule, RuleDescription } from './rules/rule';
import { knownPropertyPaths } from './schema/known-paths';
import { prepareSchemas } from './schema/validator';
import { LineIndex } from './text/line-index';
import { splitDocuments } from './yaml/split-documents';

/** Options of a workspace; tests replace the rules and the disk to look at one thing at a time. */
export interface WorkspaceOptions {
  documentRules?: readonly DocumentRule[];
  workspaceRules?: readonly WorkspaceRule[];
  /**
   * The workspace folders, as file system paths. Host files outside them are never read;
   * without folders, a compose file's own folder is the limit.
   */
  folders?: readonly string[];
  /** Answers whether host files exist and are git-ignored; the disk by default. */
  fileSystem?: WorkspaceFileSystem;
  /** False turns off the checks that open keystores and truststores; on by default. */
  deepValidation?: boolean;
  /** Days before a certificate's expiry from which `cert-expiry` warns; 30 by default. */
  certificateExpiryWarningDays?: number;
}

/** What the workspace rules found for one version of the workspace. */
interface WorkspaceState {
  version: number;
  index: WorkspaceIndex;
  findings: Map<string, Finding[]>;
  failures: string[];
}

/**
 * The engine's entry point: the YAML files of one workspace folder, kept current as they
 * change, and the diagnostics of each. It knows nothing of LSP connections, so the
 * language server, the CLI and tests all drive the same code.
 */
export class Workspace {
  private readonly files = new Map<string, FileAnalysis>();
  private readonly rules: readonly DocumentRule[];
  private readonly crossRules: readonly WorkspaceRule[];
  private readonly knownPaths = knownPropertyPaths();
  private readonly folders: readonly string[];
  private readonly fileSystem: WorkspaceFileSystem;
  private deepValidation: DeepValidationOptions;
  /** Counts changes, so the index is rebuilt once per change rather than once per diagnose. */
  private version = 0;
  private state: WorkspaceState | undefined;
  /** Files that depended on a file before its last change, so they are re-validated too. */
  private readonly formerDependents = new Map<string, Set<string>>();

  constructor(options: WorkspaceOptions = {}) {
    this.rules = options.documentRules ?? documentRules;
    this.crossRules = options.workspaceRules ?? workspaceRules;
    this.folders = options.folders ?? [];
    this.fileSystem = options.fileSystem ?? new NodeFileSystem(this.folders);
    this.deepValidation = deepValidationOptions(options);
    prepareSchemas();
  }

  /** Changes the settings of the checks that open stores; their findings are computed again. */
  setDeepValidation(options: Partial<DeepValidationOptions>): void {
    this.deepValidation = deepValidationOptions(options);
    this.version++;
  }

  /** Sets or replaces the text of a file; unchanged documents keep their analysis. */
  setFile(uri: string, text: string): void {
    const previous = this.files.get(uri);
    if (previous?.text === text) {
      return;
    }
    this.rememberDependents(uri);
    this.files.set(uri, analyzeFile(text, this.rules, this.knownPaths, previous));
    this.version++;
  }

  deleteFile(uri: string): void {
    if (this.files.has(uri)) {
      this.rememberDependents(uri);
      this.files.delete(uri);
      this.version++;
    }
  }

  hasFile(uri: string): boolean {
    return this.files.has(uri);
  }

  /** The analysis of a file, for features such as hover that need the model. */
  file(uri: string): FileAnalysis | undefined {
    return this.files.get(uri);
  }

  /** The uris of every file of the workspace. */
  uris(): string[] {
    return [...this.files.keys()];
  }

  /**
   * Tells the workspace that files it does not hold changed on disk, such as generated
   * certificates or a `.gitignore`: findings about host files are computed again.
   */
  fileSystemChanged(): void {
    if (this.fileSystem instanceof NodeFileSystem) {
      this.fileSystem.clear();
    }
    this.version++;
  }

  /**
   * The other files whose diagnostics may change when `uri` changes: the files of the
   * deployments it belongs to, now or before its last change. The language server
   * re-validates them after an edit.
   */
  dependents(uri: string): string[] {
    const found = new Set([
      ...(this.current().index.dependents.get(uri) ?? []),
      ...(this.formerDependents.get(uri) ?? []),
    ]);
    found.delete(uri);
    return [...found].filter((other) => this.files.has(other));
  }

  /** What the schemas say of the configuration property whose key is at `offset` of a file. */
  propertyAt(uri: string, offset: number): PropertyDescription | undefined {
    const file = this.files.get(uri);
    return file ? propertyAt(file, offset) : undefined;
  }

  /**
   * The properties that may be written at `offset` of a file whose text is `text`. The text
   * may be newer than the one the workspace holds, as when the editor asks right after a
   * keystroke: the document around the offset is then analysed apart, and the workspace
   * keeps what it holds.
   */
  completionsAt(uri: string, text: string, offset: number): Completions | undefined {
    const held = this.files.get(uri);
    return completionsAt(held?.text === text ? held : this.documentAt(text, offset), offset);
  }

  /** The one document of a text that holds an offset, analysed apart without rules. */
  private documentAt(text: string, offset: number): FileAnalysis {
    const slice = splitDocuments(text).find(
      (candidate) =>
        candidate.offset <= offset && offset <= candidate.offset + candidate.text.length,
    );
    const documents = slice
      ? [
          {
            offset: slice.offset,
            model: analyzeDocument(slice.text, this.knownPaths),
            findings: [],
            failures: [],
          },
        ]
      : [];
    return { text, lineIndex: new LineIndex(text), documents };
  }

  /** The deployment model of the workspace, for features that explain a deployment. */
  index(): WorkspaceIndex {
    return this.current().index;
  }

  /** Messages of rules that failed on a file; each rule failure is isolated. */
  failures(uri: string): string[] {
    const file = this.files.get(uri);
    if (!file) {
      return [];
    }
    const own = file.documents.flatMap((document) => document.failures);
    const state = this.current();
    // A workspace rule's failure concerns the Kestra files it could not judge.
    // FIXME: the same failure is given for every such file, so a caller that logs the
    // failures of each file, as the CLI does, shows it once per Kestra file.
    const kestraFile = state.index.deployments.some((deployment) => deployment.sources.has(uri));
    return kestraFile ? [...own, ...state.failures] : own;
  }

  /** The diagnostics of a file, with the user's severities applied and `off` rules dropped. */
  diagnose(uri: string, settings: RuleSettings = {}): EngineDiagnostic[] {
    const file = this.files.get(uri);
    if (!file) {
      return [];
    }
    const diagnostics: EngineDiagnostic[] = [];
    const add = (finding: Finding, offset: number) => {
      const severity = settings[finding.code] ?? finding.severity;
      if (severity !== 'off') {
        diagnostics.push(toDiagnostic(finding, severity, offset, file.lineIndex));
      }
    };
    // Document rules' findings are relative to their document; workspace rules' to the file.
    for (const document of file.documents) {
      for (const finding of document.findings) {
        add(finding, document.offset);
      }
    }
    for (const finding of this.current().findings.get(uri) ?? []) {
      add(finding, 0);
    }
    return diagnostics;
  }

  /** The index and the workspace rules' findings, computed once per version of the files. */
  private current(): WorkspaceState {
    if (this.state?.version === this.version) {
      return this.state;
    }
    const failures: string[] = [];
    let index: WorkspaceIndex;
    try {
      index = buildIndex({ files: this.files, knownPaths: this.knownPaths, folders: this.folders });
    } catch (error) {
      failures.push(`deployment model: ${describeError(error)}`);
      index = buildIndex({ files: new Map(), knownPaths: this.knownPaths, folders: this.folders });
    }
    const findings = new Map<string, Finding[]>();
    const seen = new Set<string>();
    for (const rule of this.crossRules) {
      try {
        for (const finding of rule.check(index, {
          fileSystem: this.fileSystem,
          deepValidation: this.deepValidation,
        })) {
          // A configuration file that two deployments read gives the same finding twice.
          if (finding.uri === undefined) {
            continue;
          }
          const key = sameFindingKey(finding);
          if (seen.has(key)) {
            continue;
          }
          seen.add(key);
          const found = findings.get(finding.uri);
          if (found) {
            found.push(finding);
          } else {
            findings.set(finding.uri, [finding]);
          }
        }
      } catch (error) {
        const codes = rule.rules.map((description) => description.code).join(', ');
        failures.push(`${codes}: ${describeError(error)}`);
      }
    }
    this.state = { version: this.version, index, findings, failures };
    return this.state;
  }

  /** Keeps the dependents a file has before it changes, when they are already known. */
  private rememberDependents(uri: string): void {
    if (this.state?.version !== this.version) {
      return;
    }
    const dependents = this.state.index.dependents.get(uri);
    if (dependents) {
      this.formerDependents.set(uri, new Set(dependents));
    } else {
      this.formerDependents.delete(uri);
    }
  }
}

/** Every rule code the engine can report, with its default severity. */
export function ruleDescriptions(): RuleDescription[] {
  return [...documentRules, ...workspaceRules].flatMap((rule) => rule.rules);
}

/**
 * What two findings share when they say the same thing at the same place. Rules hand back
 * the same finding objects while what they judge is unchanged, so the key is kept by finding.
 */
const findingKeys = new WeakMap<Finding, string>();

function sameFindingKey(finding: Finding): string {
  let key = findingKeys.get(finding);
  if (key === undefined) {
    const { start, end } = finding.span;
    key = `${finding.code}|${finding.uri}|${start}|${end}|${finding.message}`;
    findingKeys.set(finding, key);
  }
  return key;
}

/** A finding as a diagnostic, its spans moved by `offset` to file offsets. */
function toDiagnostic(
  finding: Finding,
  severity: EngineDiagnostic['severity'],
  offset: number,
  lineIndex: LineIndex,
): EngineDiagnostic {
  const { start, end } = finding.span;
  return {
    range: lineIndex.rangeOf(start + offset, end + offset),
    severity,
    code: finding.code,
    message: finding.message,
    source: DIAGNOSTIC_SOURCE,
    ...(finding.data ? { data: withRanges(finding.data, offset, lineIndex) } : {}),
  };
}

/**
 * A copy of a finding's data with its spans moved by `offset`, and an LSP range beside each
 * (`portsSpan` gets `portsRange`), so that a quick fix edits the right characters without a
 * line index of its own.
 */
function withRanges(
  data: Record<string, unknown>,
  offset: number,
  lineIndex: LineIndex,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...data };
  for (const key of spanKeysOf(data)) {
    const span = shiftSpan(data[key] as Span, offset);
    result[key] = span;
    result[`${key.slice(0, -'Span'.length)}Range`] = lineIndex.rangeOf(span.start, span.end);
  }
  return result;
}

/** The keys of a finding's data that hold spans, found once per data object. */
const spanKeys = new WeakMap<object, string[]>();
const NO_KEYS: string[] = [];

function spanKeysOf(data: Record<string, unknown>): string[] {
  let keys = spanKeys.get(data);
  if (keys === undefined) {
    keys = Object.keys(data).filter((key) => key.endsWith('Span') && isSpan(data[key]));
    spanKeys.set(data, keys.length > 0 ? keys : NO_KEYS);
  }
  return keys;
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
