// Code block buttons against real editors: insert, new editor, copy, and Apply with its diff and confirmation.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CodeBlockActions } from '../../../../src/host/chat/codeBlockActions';
import { APPLY_PROPOSAL_SCHEME } from '../../../../src/host/edits/proposalDocuments';
import { revertAndCloseAllEditors, until } from './chatTestKit';

let folder: string;
let fileCount = 0;

/** A real file per test (unique name), so no test can see another's document. */
async function editorWith(content: string): Promise<vscode.TextEditor> {
  const file = path.join(folder, `apply-${++fileCount}.ts`);
  await fs.writeFile(file, content);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(document);
}

function proposalDiffTab(fileName: string): vscode.TabInputTextDiff | undefined {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      const input = tab.input;
      if (input instanceof vscode.TabInputTextDiff && input.modified.scheme === APPLY_PROPOSAL_SCHEME && input.original.path.endsWith(`/${fileName}`)) return input;
    }
  }
  return undefined;
}

function select(editor: vscode.TextEditor, startLine: number, endLine: number): void {
  editor.selection = new vscode.Selection(startLine, 0, endLine, editor.document.lineAt(endLine).text.length);
}

describe('CodeBlockActions (real editors)', function () {
  // The first diff editor of a run opens slowly on a busy machine (around 20 s on 2 shared cores).
  this.timeout(60_000);
  let answers: Array<boolean | ((editor: vscode.TextEditor) => Promise<boolean>)>;
  let actions: CodeBlockActions;
  let editor: vscode.TextEditor;

  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'ask-llama-apply-'));
  });

  after(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  beforeEach(() => {
    answers = [];
    actions = new CodeBlockActions({
      confirmApply: async () => {
        const next = answers.shift();
        return typeof next === 'function' ? next(editor) : next ?? false;
      },
    });
  });

  afterEach(async () => {
    actions.dispose();
    await revertAndCloseAllEditors();
  });

  it('applies to the exact selected range after the user accepts the diff', async () => {
    editor = await editorWith('line 0\nline 1\nline 2\nline 3\n');
    select(editor, 1, 2);
    answers.push(true);
    assert.equal(await actions.apply('NEW 1\nNEW 2'), 'applied');
    assert.equal(editor.document.getText(), 'line 0\nNEW 1\nNEW 2\nline 3\n');
  });

  it('shows the proposal as a diff whose right side is the whole file with the change', async () => {
    editor = await editorWith('a\nb\nc\n');
    select(editor, 1, 1);
    let proposal: string | undefined;
    answers.push(async (e) => {
      const fileName = path.basename(e.document.uri.fsPath);
      await until(() => proposalDiffTab(fileName) !== undefined, 'a diff of the file with the proposal');
      proposal = (await vscode.workspace.openTextDocument(proposalDiffTab(fileName)!.modified)).getText();
      return false;
    });
    assert.equal(await actions.apply('B'), 'declined');
    assert.equal(proposal, 'a\nB\nc\n');
    assert.equal(editor.document.getText(), 'a\nb\nc\n', 'declined: unchanged');
  });

  it('refuses to apply when the document changed while the diff was open', async () => {
    editor = await editorWith('keep\nreplace me\nkeep\n');
    select(editor, 1, 1);
    answers.push(async (e) => {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(e.document.uri, new vscode.Position(0, 0), 'inserted meanwhile\n');
      await vscode.workspace.applyEdit(edit);
      return true;
    });
    assert.equal(await actions.apply('REPLACED'), 'documentChanged');
    assert.equal(editor.document.getText(), 'inserted meanwhile\nkeep\nreplace me\nkeep\n');
  });

  it('with no selection and no matching declaration, proposes inserting at the cursor', async () => {
    editor = await editorWith('x\n');
    editor.selection = new vscode.Selection(0, 1, 0, 1);
    assert.equal(await actions.apply('y'), 'declined', 'the user said no: nothing changes');
    assert.equal(editor.document.getText(), 'x\n');
    answers.push(true);
    assert.equal(await actions.apply('y'), 'applied');
    assert.equal(editor.document.getText(), 'xy\n');
  });

  it('inserts at the cursor', async () => {
    editor = await editorWith('ab');
    editor.selection = new vscode.Selection(0, 1, 0, 1);
    assert.equal(await actions.insertAtCursor('XY'), true);
    assert.equal(editor.document.getText(), 'aXYb');
  });

  it('opens the code in a new editor with the fence language', async () => {
    const opened = await actions.openInNewEditor('print(1)\n', 'py');
    assert.equal(opened.document.languageId, 'python');
    assert.equal(opened.document.getText(), 'print(1)\n');
    const unknown = await actions.openInNewEditor('???', 'no-such-language');
    assert.equal(unknown.document.languageId, 'plaintext');
  });

  it('copies to the clipboard', async () => {
    await actions.run('copy', 'copied text 42');
    assert.equal(await vscode.env.clipboard.readText(), 'copied text 42');
  });
});
