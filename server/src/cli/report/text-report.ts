import type { Severity } from '../../engine';
import type { CheckResult } from './check-result';

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/**
 * One `path:line:column: severity code message` line per diagnostic, with 1-based lines and
 * columns as compilers print them, then a summary line.
 */
export function formatText(result: CheckResult): string {
  const lines = result.diagnostics.map(({ file, diagnostic }) => {
    const { line, character } = diagnostic.range.start;
    // One diagnostic per line keeps the report readable by grep and by CI log parsers.
    const message = diagnostic.message.replace(/\s*[\r\n]+\s*/g, ' ');
    const place = `${file.displayPath}:${line + 1}:${character + 1}`;
    return `${place}: ${diagnostic.severity} ${diagnostic.code} ${message}`;
  });
  lines.push(summary(result));
  return `${lines.join('\n')}\n`;
}

function summary(result: CheckResult): string {
  const checked = result.files.length;
  if (checked === 0) {
    return 'No YAML files to check.';
  }
  const total = result.diagnostics.length;
  if (total === 0) {
    return `No problems found in ${count(checked, 'file')}.`;
  }
  const parts = SEVERITY_ORDER.flatMap((severity) => {
    const found = result.diagnostics.filter((item) => item.diagnostic.severity === severity);
    return found.length > 0 ? [count(found.length, severity)] : [];
  });
  const files = new Set(result.diagnostics.map((item) => item.file.displayPath)).size;
  return `${count(total, 'problem')} (${parts.join(', ')}) in ${count(files, 'file')}`;
}

function count(n: number, noun: string): string {
  // "information" is uncountable: "2 information" reads better than "2 informations".
  const plural = n === 1 || noun === 'information' ? noun : `${noun}s`;
  return `${n} ${plural}`;
}
