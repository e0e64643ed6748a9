import * as vscode from 'vscode';
import { kestraTlsExtension } from './extension-under-test';

/** A file of the workspace the harness opened, by its path inside the workspace. */
export function workspaceFile(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) {
    throw new Error('The tests expect VS Code to have opened the fixture workspace');
  }
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

/** A document of test/vscode/fixtures/documents, where it lies in the repository. */
export function fixtureDocument(name: string): vscode.Uri {
  return vscode.Uri.joinPath(
    kestraTlsExtension().extensionUri,
    'test/vscode/fixtures/documents',
    name,
  );
}

/**
 * Copies a fixture document into the workspace at `relativePath` and returns its new place.
 * The workspace starts without YAML, so that only an opened document can activate the
 * extension.
 */
export async function addToWorkspace(name: string, relativePath: string): Promise<vscode.Uri> {
  const target = workspaceFile(relativePath);
  await vscode.workspace.fs.copy(fixtureDocument(name), target, { overwrite: true });
  return target;
}

/** Opens a document in an editor, as a user would. */
export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

/** The zero-based line of the first line after `after` whose text matches `pattern`. */
export function lineOf(document: vscode.TextDocument, after: RegExp, pattern: RegExp): number {
  const lines = document.getText().split(/\r?\n/);
  const start = lines.findIndex((line) => after.test(line));
  const found = lines.findIndex((line, index) => index > start && pattern.test(line));
  if (start < 0 || found < 0) {
    throw new Error(`The fixture ${document.uri.path} has no ${pattern} after ${after}`);
  }
  return found;
}
