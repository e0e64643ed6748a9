import { analyzeDocument } from './locate/analyze-document';
import { updateComposeDocument } from './locate/update-compose-document';
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

/** The document of a file that holds an offset; at a boundary, the one that ends there. */
export function documentAt(file: FileAnalysis, offset: number): AnalyzedDocument | undefined {
  return file.documents.find(
    (document) =>
      document.offset <= offset && offset <= document.offset + document.model.text.length,
  );
}

/**
 * Analyzes a file, reusing the documents of `previous` whose text did not change: a
 * one-character edit in a 200-document manifest re-parses and re-checks one document.
 * When exactly one document changed, and it is a compose file edited inside one service,
 * only that service is parsed and read again (locate/update-compose-document.ts); the
 * previous analysis must not be used after this call, since that document's nodes move.
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
  const slices = splitDocuments(text);
  const kept = slices.map((slice): AnalyzedDocument | undefined => {
    const known = reusable.get(slice.text);
    if (!known) {
      return undefined;
    }
    reusable.delete(slice.text);
    return { ...known, offset: slice.offset };
  });
  // The one document an edit changed, when it is clear which one that is.
  const edited =
    reusable.size === 1 && kept.filter((document) => !document).length === 1
      ? [...reusable.values()][0]?.model
      : undefined;
  const documents = slices.map((slice, index): AnalyzedDocument => {
    const known = kept[index];
    if (known) {
      return known;
    }
    const model =
      (edited && updateDocument(edited, slice.text, knownPaths)) ??
      analyzeDocument(slice.text, knownPaths);
    const results = isKestraDocument(model)
      ? runDocumentRules(model, rules)
      : { findings: [], failures: [] };
    return { offset: slice.offset, model, ...results };
  });
  return { text, lineIndex: new LineIndex(text), documents };
}

/** The model of an edited document, updated from its previous model where that is exact. */
function updateDocument(
  previous: DocumentModel,
  text: string,
  knownPaths: ReadonlySet<string>,
): DocumentModel | undefined {
  return previous.kind === 'compose'
    ? updateComposeDocument(previous, text, knownPaths)
    : undefined;
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
