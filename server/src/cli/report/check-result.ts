import type { EngineDiagnostic } from '../../engine';
import { compareCodeUnits } from '../../files/find-yaml-files';
import type { ReadFile } from '../read-file';

/** A checked file as the reports know it. */
export interface CheckedFile extends ReadFile {
  uri: string;
}

/** One diagnostic with the file it belongs to. */
export interface FileDiagnostic {
  file: CheckedFile;
  diagnostic: EngineDiagnostic;
}

/** Everything a report needs: the checked files and their diagnostics, in report order. */
export interface CheckResult {
  files: readonly CheckedFile[];
  diagnostics: readonly FileDiagnostic[];
  /** The working directory with symbolic links resolved, the root of SARIF's paths. */
  realCwd: string;
}

/** Orders diagnostics by file, then line, then column, as every report lists them. */
export function compareFileDiagnostics(a: FileDiagnostic, b: FileDiagnostic): number {
  const start = (item: FileDiagnostic) => item.diagnostic.range.start;
  return (
    compareCodeUnits(a.file.displayPath, b.file.displayPath) ||
    start(a).line - start(b).line ||
    start(a).character - start(b).character
  );
}
