/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DiagnosticsHistory, withCode } from './diagnostics-history';
import { addToWorkspace, fixtureDocument, lineOf, openInEditor } from './fixtures';

const MISPLACED = 'misplaced-property';

const hasMisplaced = (diagnostics: vscode.Diagnostic[]): boolean =>
  withCode(diagnostics, MISPLACED).length > 0;

async function setRuleSeverities(rules: Record<string, string> | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration('kestraTls')
    .update('rules', rules, vscode.ConfigurationTarget.Workspace);
}

describe('diagnostics', () => {
  let compose: vscode.Uri;
  let history: DiagnosticsHistory;

  before(async () => {
    compose = await addToWorkspace('compose.yaml', 'compose.yaml');
    history = new DiagnosticsHistory(compose);
  });

  after(async () => {
    history.dispose();
    await setRuleSeverities(undefined);
  });

  it('reports compose ports nested in KESTRA_CONFIGURATION in a compose document', async () => {
    const document = await openInEditor(compose);
    // The compose-language fixture extension names compose files as the Docker extension does.
    assert.equal(document.languageId, 'dockercompose');

    const diagnostics = await history.next(`a ${MISPLACED} diagnostic`, hasMisplaced);

    const misplaced = withCode(diagnostics, MISPLACED);
    assert.equal(misplaced.length, 1, 'one misplaced key in the fixture');
    const [diagnostic] = misplaced;
    assert.equal(diagnostic!.source, 'kestra-tls');
    const portsLine = lineOf(document, /KESTRA_CONFIGURATION/, /^\s+ports:\s*$/);
    assert.equal(diagnostic!.range.start.line, portsLine);
  });

  it('drops the diagnostic while kestraTls.rules turns the rule off', async () => {
    assert.ok(hasMisplaced(vscode.languages.getDiagnostics(compose)), 'reported before');

    await setRuleSeverities({ [MISPLACED]: 'off' });
    await history.next(`no ${MISPLACED} diagnostic`, (diagnostics) => !hasMisplaced(diagnostics));

    await setRuleSeverities(undefined);
    await history.next(`the ${MISPLACED} diagnostic back`, hasMisplaced);
  });

  it('leaves a GitHub workflow without diagnostics', async () => {
    const workflow = await addToWorkspace('github-workflow.yml', '.github/workflows/ci.yml');
    await vscode.workspace.openTextDocument(workflow);

    // The server answers documents in the order they open: once an unsaved Kestra document
    // opened after the workflow has its diagnostics, the workflow's have been published.
    const content = await vscode.workspace.fs.readFile(fixtureDocument('compose.yaml'));
    const probe = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: new TextDecoder().decode(content),
    });
    // Its URI exists only now, so what may already have been published counts too.
    const probeHistory = new DiagnosticsHistory(probe.uri, { includeCurrent: true });
    try {
      await probeHistory.next(`a ${MISPLACED} diagnostic on an unsaved document`, hasMisplaced);
    } finally {
      probeHistory.dispose();
    }

    assert.deepEqual(vscode.languages.getDiagnostics(workflow), []);
  });

  it('shows on hover what the schemas say of a key inside KESTRA_CONFIGURATION', async () => {
    const document = await openInEditor(compose);
    // The server has checked the text as it is: the hover reads the places it found.
    assert.ok(hasMisplaced(vscode.languages.getDiagnostics(compose)), 'checked before');
    const line = lineOf(document, /KESTRA_CONFIGURATION/, /^\s+key-store:\s*$/);
    const character = document.lineAt(line).text.indexOf('key-store') + 2;

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      compose,
      new vscode.Position(line, character),
    );

    const text = hovers
      .flatMap((hover) => hover.contents)
      .map((content) => (typeof content === 'string' ? content : content.value))
      .join('\n');
    assert.match(text, /\*\*micronaut\.server\.ssl\.key-store\*\*/);
  });

  it('completes the keys of a mapping inside KESTRA_CONFIGURATION', async () => {
    const document = await openInEditor(compose);
    const line = lineOf(document, /KESTRA_CONFIGURATION/, /^\s+key-store:\s*$/);
    const indent = document.lineAt(line).firstNonWhitespaceCharacterIndex;

    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      compose,
      new vscode.Position(line, indent),
    );

    const labels = list.items.map((item) =>
      typeof item.label === 'string' ? item.label : item.label.label,
    );
    assert.ok(labels.includes('trust-store'), String(labels));
    assert.ok(labels.includes('client-authentication'), String(labels));
  });
});
