// The proposal documents behind Edit Selection's diff, in the real extension host: a change made while VS Code is
// still opening the document (after it read the content, before the document reached the extension host) is not
// lost. VS Code drops the change event in that window; the diff then showed the original file for good.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ProposalDocuments } from '../../../../src/host/edits/proposalDocuments';
import { until } from '../chat/chatTestKit';

/** Changes the proposal right after VS Code first reads it: exactly inside the window where VS Code drops events. */
class ChangedWhileOpening extends ProposalDocuments {
  private changed = false;

  override provideTextDocumentContent(uri: vscode.Uri): string {
    const text = super.provideTextDocumentContent(uri);
    if (!this.changed) {
      this.changed = true;
      this.update(uri, 'the rewrite\n', true);
    }
    return text;
  }
}

describe('host: proposal documents (Edit Selection and Apply)', () => {
  it('a rewrite that ends while VS Code opens the proposal still reaches the document', async () => {
    const proposals = new ChangedWhileOpening('ask-llama-edit-test');
    try {
      const uri = proposals.create('racing.js', 'the original\n');
      const document = await vscode.workspace.openTextDocument(uri);
      await until(() => document.getText() === 'the rewrite\n', 'the proposal document to show the rewrite').catch(() => undefined);
      assert.strictEqual(document.getText(), 'the rewrite\n');
    } finally {
      proposals.dispose();
    }
  });

  it('later changes reach the open document, and a removed proposal is empty', async () => {
    const proposals = new ProposalDocuments('ask-llama-edit-test2');
    try {
      const uri = proposals.create('later.js', 'one\n');
      const document = await vscode.workspace.openTextDocument(uri);
      assert.strictEqual(document.getText(), 'one\n');
      proposals.update(uri, 'two\n', true);
      await until(() => document.getText() === 'two\n', 'the update');
      proposals.remove(uri);
      assert.strictEqual(proposals.provideTextDocumentContent(uri), '');
    } finally {
      proposals.dispose();
    }
  });

  it("a new provider's first proposal is not an earlier provider's document still open in VS Code", async () => {
    // Apply and Edit Selection each make one; tests and a reloaded surface make more on the same scheme.
    const first = new ProposalDocuments('ask-llama-edit-test3');
    const firstDocument = await vscode.workspace.openTextDocument(first.create('same.js', 'first\n'));
    first.dispose();
    const second = new ProposalDocuments('ask-llama-edit-test3');
    try {
      const uri = second.create('same.js', 'second\n');
      assert.notStrictEqual(uri.toString(), firstDocument.uri.toString());
      assert.strictEqual((await vscode.workspace.openTextDocument(uri)).getText(), 'second\n');
    } finally {
      second.dispose();
    }
  });
});
