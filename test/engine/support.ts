import * as assert from 'node:assert/strict';
import { type ConfigEntry, configEntries } from '../../server/src/engine/config/entries';
import type { EngineDiagnostic, Range } from '../../server/src/engine/index';
import { Workspace } from '../../server/src/engine/index';
import type { ConfigTree } from '../../server/src/engine/model/config';
import type { DocumentModel } from '../../server/src/engine/model/document';
import type { KestraContainer } from '../../server/src/engine/model/workload';
import type { DocumentRule } from '../../server/src/engine/rules/rule';
import { schemaValidationRule } from '../../server/src/engine/rules/schema-validation';

/**
 * Removes the indentation common to every non-blank line and the first line break, so that
 * YAML fixtures can be written indented inside a test. The text is taken raw: `\n` stays
 * a backslash and an n, as YAML escapes are written in files.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.raw.reduce((text, part, i) => text + String(values[i - 1]) + part);
  const lines = raw.replace(/^\n/, '').split('\n');
  const indents = lines
    .filter((line) => line.trim() !== '')
    .map((line) => (/^ */.exec(line) as RegExpExecArray)[0].length);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines
    .map((line) => line.slice(common))
    .join('\n')
    .replace(/[ ]+$/, '');
}

/** Lines joined by LF and ended by one, for fixtures whose exact characters matter. */
export function lines(...all: string[]): string {
  return `${all.join('\n')}\n`;
}

/** The same text with CRLF line endings. */
export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/**
 * The LSP range of the `occurrence`-th `needle` in `text`, computed on its own (lines split
 * at CRLF or LF, columns in UTF-16 code units) so that it checks the engine's line index.
 */
export function rangeOf(text: string, needle: string, occurrence = 1): Range {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.notEqual(at, -1, `fixture has no occurrence ${occurrence} of ${JSON.stringify(needle)}`);
  }
  return { start: positionOf(text, at), end: positionOf(text, at + needle.length) };
}

function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split(/\r\n|\n/);
  return { line: before.length - 1, character: (before.at(-1) as string).length };
}

/** A one-file workspace, optionally with only some rules. */
export function workspaceWith(text: string, rules?: readonly DocumentRule[], uri = URI): Workspace {
  const workspace = new Workspace(rules ? { documentRules: rules } : {});
  workspace.setFile(uri, text);
  return workspace;
}

export const URI = 'file:///project/kestra.yml';

/** Every diagnostic of a text, analysed as a file alone, optionally with only some rules. */
export function diagnose(text: string, rules?: readonly DocumentRule[]): EngineDiagnostic[] {
  const workspace = workspaceWith(text, rules);
  assert.deepEqual(workspace.failures(URI), [], 'no rule may fail');
  return workspace.diagnose(URI);
}

/** The diagnostics of one code, in file order. */
export function diagnosticsOf(diagnostics: EngineDiagnostic[], code: string): EngineDiagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === code);
}

/** The models of every document of a text. */
export function models(text: string): DocumentModel[] {
  const workspace = workspaceWith(text, []);
  const file = workspace.file(URI);
  assert.ok(file, 'the file is analysed');
  return file.documents.map((document) => document.model);
}

/** The model of a one-document text. */
export function model(text: string): DocumentModel {
  const all = models(text);
  assert.equal(all.length, 1, 'the fixture has one document');
  return all[0] as DocumentModel;
}

/** The only Kestra container of a one-document text. */
export function onlyContainer(text: string): KestraContainer {
  const workloads = model(text).workloads;
  assert.equal(workloads.length, 1, 'one workload runs Kestra');
  const containers = workloads[0]?.containers ?? [];
  assert.equal(containers.length, 1, 'one container runs Kestra');
  return containers[0] as KestraContainer;
}

/** The host text a span of the document covers. */
export function spanText(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

/** The host text under the key of a configuration path, such as `micronaut.server.port`. */
export function configKeyText(text: string, tree: ConfigTree, path: string): string {
  const found = findEntry(tree, path);
  return spanText(text, found.keySpan);
}

/** The host text under the value of a configuration path. */
export function configValueText(text: string, tree: ConfigTree, path: string): string {
  const found = findEntry(tree, path);
  return spanText(text, found.valueSpan);
}

function findEntry(tree: ConfigTree, path: string): ConfigEntry {
  const found = configEntries(tree).find((entry) => entry.path.join('.') === path);
  assert.ok(found, `the configuration has ${path}`);
  return found;
}

/** A compose file with one Kestra service whose environment holds `environment`. */
export function composeWithEnvironment(environment: string): string {
  return `services:\n  kestra:\n    image: kestra/kestra:latest\n    environment:\n${environment}`;
}

/** A compose file whose Kestra service carries `config` as KESTRA_CONFIGURATION. */
export function composeWithConfiguration(config: string, environment = ''): string {
  const block = config
    .split('\n')
    .map((line) => (line === '' ? line : `        ${line}`))
    .join('\n');
  return (
    'services:\n  kestra:\n    image: kestra/kestra:latest\n    environment:\n' +
    `${environment}      KESTRA_CONFIGURATION: |\n${block}\n`
  );
}

const SCHEMA_CODES = schemaValidationRule.rules.map((rule) => rule.code);

/** The diagnostics of the schema rule alone; rules across documents run in any workspace. */
export function schemaDiagnostics(text: string): EngineDiagnostic[] {
  return diagnose(text, [schemaValidationRule]).filter((d) => SCHEMA_CODES.includes(d.code));
}

/** The only diagnostic of a code, which must be there. */
export function onlyDiagnostic(diagnostics: EngineDiagnostic[], code: string): EngineDiagnostic {
  const found = diagnosticsOf(diagnostics, code);
  assert.equal(found.length, 1, `one ${code}: ${JSON.stringify(diagnostics, null, 1)}`);
  return found[0] as EngineDiagnostic;
}

/** A small seeded generator of numbers in [0, 1), so that a failing random run can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}
