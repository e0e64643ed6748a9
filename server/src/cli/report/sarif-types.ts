/**
 * The part of SARIF 2.1.0 the checker writes, following the OASIS schema's property names.
 * Only what GitHub code scanning reads is modelled.
 */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: SarifToolComponent };
  originalUriBaseIds: Record<string, { uri: string }>;
  results: SarifResult[];
  columnKind: 'utf16CodeUnits' | 'unicodeCodePoints';
}

export interface SarifToolComponent {
  name: string;
  version: string;
  semanticVersion?: string;
  informationUri?: string;
  rules: SarifReportingDescriptor[];
}

export interface SarifReportingDescriptor {
  id: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMultiformatMessage;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
}

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifMessage {
  text: string;
}

/** A message in plain text, and in GitHub Flavored Markdown for viewers that render it. */
export interface SarifMultiformatMessage extends SarifMessage {
  markdown?: string;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints?: Record<string, string>;
}

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: SarifArtifactLocation;
    region: SarifRegion;
  };
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** A region in 1-based lines and columns; `endColumn` is the column after the last one. */
export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
