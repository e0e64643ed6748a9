import { analyzeDocument } from './locate/analyze-document';
import type { DocumentModel } from './model/document';
import type { Finding } from './rules/finding';
import type { DocumentRule } from './rules/rule';
import { runDocumentRules } from './run-document-rules';
import { LineIndex } from './text/line-index';
import { splitDocuments } from './yaml/split-documents';

/** One document of a file with what the engine learned from it. */
export interface AnalyzedDocument {
  /** Where the document starts in the file. */
  offset: number;
  model: DocumentModel;
  /** Findings of the document rules, with spans relative to the document. */
  findings: Finding[];
  /** Rules that failed on this document, for the log: a broken rule must not hide others. */
  failures: string[];
}

/** A file as the engine sees it: its text, its line index and its documents. */
export interface FileAnalysis {
  text: string;
  lineIndex: LineIndex;
  documents: AnalyzedDocument[];
}

/**
 * Analyzes a file, reusing the documents of `previous` whose text did not change: a
 * one-character edit in a 200-document manifest re-parses and re-checks one document.
 *
 * FIXME: a compose file is a single YAML document, so an edit to one service re-parses and
 * re-locates every service: about 30 ms a keystroke on a 100-service file.
 */
export function analyzeFile(
  text: string,
  rules: readonly DocumentRule[],
  knownPaths: ReadonlySet<string>,
  previous?: FileAnalysis,
): FileAnalysis {
  const reusable = new Map<string, AnalyzedDocument>();
  for (const document of previous?.documents ?? []) {
    reusable.set(document.model.text, document);
  }
  const documents = splitDocuments(text).map((slice): AnalyzedDocument => {
    const known = reusable.get(slice.text);
    if (known) {
      reusable.delete(slice.text);
      return { ...known, offset: slice.offset };
    }
    const model = analyzeDocument(slice.text, knownPaths);
    const results = isKestraDocument(model)
      ? runDocumentRules(model, rules)
      : { findings: [], failures: [] };
    return { offset: slice.offset, model, ...results };
  });
  return { text, lineIndex: new LineIndex(text), documents };
}

/**
 * A YAML file without Kestra gets nothing, not even syntax errors: it is not ours. A
 * compose file or manifest counts only when it runs or configures Kestra. A document broken
 * so badly that nothing was found in it still gets its syntax errors when it mentions Kestra
 * or Micronaut.
 */
function isKestraDocument(model: DocumentModel): boolean {
  if (model.configs.length > 0 || model.workloads.length > 0) {
    return true;
  }
  return model.syntaxErrors.length > 0 && /kestra|micronaut/i.test(model.text);
}
