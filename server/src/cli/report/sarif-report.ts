import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { type RuleDescription, ruleDescriptions, type Severity } from '../../engine';
import type { PackageInfo } from '../package-info';
import type { CheckedFile, CheckResult, FileDiagnostic } from './check-result';
import { lineHashes } from './line-hash';
import { ruleDoc } from './rule-docs';
import type {
  SarifArtifactLocation,
  SarifLevel,
  SarifLog,
  SarifReportingDescriptor,
  SarifResult,
} from './sarif-types';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SOURCE_ROOT = '%SRCROOT%';
const SEMANTIC_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Writes SARIF 2.1.0 as GitHub code scanning reads it: every rule described, paths relative
 * to the working directory (run the checker from the repository root), 1-based regions in
 * UTF-16 columns, and the line hashes GitHub uses to follow an alert across commits.
 */
export function formatSarif(result: CheckResult, tool: PackageInfo): string {
  const rules = ruleDescriptions();
  const hashes = new Map<CheckedFile, string[]>();
  const fileHashes = (file: CheckedFile) => {
    let known = hashes.get(file);
    if (!known) {
      known = lineHashes(file.rawText);
      hashes.set(file, known);
    }
    return known;
  };
  const log: SarifLog = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            ...(SEMANTIC_VERSION.test(tool.version) ? { semanticVersion: tool.version } : {}),
            ...(tool.homepage ? { informationUri: tool.homepage } : {}),
            rules: rules.map(reportingDescriptor),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: folderUri(result.realCwd) } },
        results: result.diagnostics.map((item) =>
          sarifResult(item, rules, result.realCwd, fileHashes(item.file)),
        ),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** GitHub shows at most this many characters of a rule's full description. */
const FULL_DESCRIPTION_LIMIT = 1024;

/**
 * A rule as SARIF describes it, with the help GitHub code scanning shows beside an alert:
 * the rule's section of docs/rules.md, which says what fails at runtime and how to fix it.
 */
function reportingDescriptor(rule: RuleDescription): SarifReportingDescriptor {
  const doc = ruleDoc(rule.code);
  const severity =
    `Change its severity with --rule ${rule.code}=SEVERITY ` +
    '(error, warning, information, hint or off).';
  const markdown = doc ? `${doc.markdown}\n\n${severity}` : undefined;
  return {
    id: rule.code,
    shortDescription: { text: rule.summary },
    fullDescription: { text: shortened(plainText(doc?.description || rule.summary)) },
    help: markdown
      ? { text: plainText(markdown), markdown }
      : { text: `${rule.summary}\n\n${severity}` },
    defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
  };
}

/** Markdown as plain text: emphasis and code spans lose their marks, code blocks stay. */
function plainText(markdown: string): string {
  return markdown.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/`([^`\n]+)`/g, '$1');
}

/** A text cut at its last sentence that fits the limit of a full description. */
function shortened(text: string): string {
  if (text.length <= FULL_DESCRIPTION_LIMIT) {
    return text;
  }
  const cut = text.slice(0, FULL_DESCRIPTION_LIMIT - 1);
  const sentenceEnd = cut.lastIndexOf('. ');
  return sentenceEnd > 0 ? cut.slice(0, sentenceEnd + 1) : `${cut}…`;
}

function sarifResult(
  { file, diagnostic }: FileDiagnostic,
  rules: readonly RuleDescription[],
  realCwd: string,
  hashes: readonly string[],
): SarifResult {
  const { start, end } = diagnostic.range;
  const ruleIndex = rules.findIndex((rule) => rule.code === diagnostic.code);
  const lineHash = hashes[start.line];
  return {
    ruleId: diagnostic.code,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: sarifLevel(diagnostic.severity),
    message: { text: diagnostic.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(file, realCwd),
          // LSP ends are exclusive, and so is SARIF's endColumn: both add one to be 1-based.
          region: {
            startLine: start.line + 1,
            startColumn: start.character + 1,
            endLine: end.line + 1,
            endColumn: end.character + 1,
          },
        },
      },
    ],
    ...(lineHash ? { partialFingerprints: { primaryLocationLineHash: lineHash } } : {}),
  };
}

/** SARIF has three levels for results; LSP's information and hint both become `note`. */
export function sarifLevel(severity: Severity): SarifLevel {
  switch (severity) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    default:
      return 'note';
  }
}

/**
 * GitHub cannot show results on a path that goes through a symbolic link, so the location
 * uses the resolved path; files outside the working directory keep an absolute file URI.
 */
function artifactLocation(file: CheckedFile, realCwd: string): SarifArtifactLocation {
  const relative = path.relative(realCwd, file.realPath);
  const outside =
    relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  if (outside) {
    return { uri: URI.file(file.realPath).toString() };
  }
  const uri = relative.split(path.sep).map(encodeURIComponent).join('/');
  return { uri, uriBaseId: SOURCE_ROOT };
}

function folderUri(folder: string): string {
  const uri = URI.file(folder).toString();
  return uri.endsWith('/') ? uri : `${uri}/`;
}
