import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { FileAnalysis } from '../file-analysis';
import type { DocumentModel } from '../model/document';
import type { DocumentRef } from './place';

/** A document of the workspace with where it stands. */
export interface IndexedDocument {
  at: DocumentRef;
  fsPath: string;
  model: DocumentModel;
}

/** Every document of the workspace's files, in the order of the files. */
export function indexedDocuments(files: ReadonlyMap<string, FileAnalysis>): IndexedDocument[] {
  const documents: IndexedDocument[] = [];
  for (const [uri, file] of files) {
    const fsPath = fsPathOf(uri);
    for (const document of file.documents) {
      documents.push({
        at: documentRef(document.model, uri, document.offset),
        fsPath,
        model: document.model,
      });
    }
  }
  return documents;
}

/** File system paths by uri: parsing every uri of the workspace on every build adds up. */
const fsPaths = new Map<string, string>();
const FS_PATH_LIMIT = 10_000;

function fsPathOf(uri: string): string {
  let fsPath = fsPaths.get(uri);
  if (fsPath === undefined) {
    fsPath = path.normalize(URI.parse(uri).fsPath);
    if (fsPaths.size >= FS_PATH_LIMIT) {
      fsPaths.clear();
    }
    fsPaths.set(uri, fsPath);
  }
  return fsPath;
}

/**
 * The place of each document, the same object while the document stays where it was, so
 * that what is read from an untouched document, such as its objects, is the same too.
 */
const refsByModel = new WeakMap<DocumentModel, DocumentRef>();

function documentRef(model: DocumentModel, uri: string, offset: number): DocumentRef {
  const known = refsByModel.get(model);
  if (known && known.uri === uri && known.offset === offset) {
    return known;
  }
  const at = { uri, offset, text: model.text };
  refsByModel.set(model, at);
  return at;
}
