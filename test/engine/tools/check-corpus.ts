/**
 * Runs the engine over a folder of real configurations and prints every finding, to judge
 * by hand whether each one is a real mistake. YAML files are checked whole; Markdown pages
 * have each fenced YAML block checked on its own, with lines counted in the page.
 *
 *   node out/test/engine/tools/check-corpus.js <folder> [--codes a,b] [--clean file ...]
 *
 * `--codes` keeps only some rule codes. Files named after `--clean` must give no warning or
 * error: the script exits with status 1 if one does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type EngineDiagnostic, Workspace } from '../../../server/src/engine/index';

interface Source {
  name: string;
  text: string;
  /** The page line of the source's first line, for fenced blocks. */
  firstLine: number;
}

function main(args: string[]): number {
  const folder = args[0];
  if (!folder) {
    process.stderr.write('usage: check-corpus <folder> [--codes a,b] [--clean file ...]\n');
    return 2;
  }
  const codesAt = args.indexOf('--codes');
  const codes = codesAt === -1 ? undefined : new Set((args[codesAt + 1] ?? '').split(','));
  const cleanAt = args.indexOf('--clean');
  const clean = new Set(cleanAt === -1 ? [] : args.slice(cleanAt + 1));
  let status = 0;
  for (const file of readdirSync(folder).sort()) {
    for (const source of sourcesOf(path.join(folder, file))) {
      const diagnostics = diagnose(source).filter((d) => !codes || codes.has(d.code));
      report(source, diagnostics);
      if (
        clean.has(file) &&
        diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning')
      ) {
        process.stdout.write(`  NOT CLEAN: ${file} must give no warning or error\n`);
        status = 1;
      }
    }
  }
  return status;
}

function sourcesOf(file: string): Source[] {
  const name = path.basename(file);
  if (/\.ya?ml$/.test(name)) {
    return [{ name, text: readFileSync(file, 'utf8'), firstLine: 1 }];
  }
  if (!name.endsWith('.md')) {
    return [];
  }
  const page = readFileSync(file, 'utf8');
  const blocks: Source[] = [];
  for (const match of page.matchAll(/^([ \t]*)```ya?ml[^\n]*\n([\s\S]*?)^\1```/gm)) {
    const indent = match[1] ?? '';
    const text = (match[2] ?? '')
      .split('\n')
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n');
    const firstLine = page.slice(0, match.index).split('\n').length + 1;
    blocks.push({ name: `${name} (block at line ${firstLine})`, text, firstLine });
  }
  return blocks;
}

function diagnose(source: Source): EngineDiagnostic[] {
  const uri = `file:///${encodeURIComponent(source.name)}`;
  const workspace = new Workspace();
  workspace.setFile(uri, source.text);
  for (const failure of workspace.failures(uri)) {
    process.stdout.write(`  RULE FAILED in ${source.name}: ${failure}\n`);
  }
  return workspace.diagnose(uri);
}

function report(source: Source, diagnostics: EngineDiagnostic[]): void {
  process.stdout.write(`${source.name}: ${diagnostics.length} finding(s)\n`);
  const lines = source.text.split(/\r?\n/);
  for (const d of diagnostics) {
    const line = d.range.start.line + source.firstLine;
    const column = d.range.start.character + 1;
    process.stdout.write(`  ${line}:${column} ${d.severity} ${d.code}: ${d.message}\n`);
    process.stdout.write(`    | ${lines[d.range.start.line] ?? ''}\n`);
  }
}

process.exitCode = main(process.argv.slice(2));
