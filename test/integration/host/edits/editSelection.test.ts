// Edit Selection in the real extension host: the rewrite streams into a diff, the file changes only on Accept (one
// undo step, in the file's line endings and indentation), and Reject, Stop, failures, truncation, a document changed
// meanwhile and read-only documents all leave the file as it was.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { EDIT_PROPOSAL_SCHEME } from '../../../../src/host/edits/proposalDocuments';
import type { AskLlamaApi } from '../../../../src/host/testApi';
import { sseAnswer, type ScriptedServer } from '../../../support/scriptedServer';
import { until } from '../chat/chatTestKit';
import { chatRequests, routeServer, scriptUi, SSE_HEADERS, useScriptedHost, type UiScript } from '../hostTestKit';

const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
const CRLF_TABS = 'function total(items) {\r\n\tlet sum = 0;\r\n\tfor (const i of items) sum += i;\r\n\treturn sum;\r\n}\r\n// end\r\n';
const REWRITE = '```js\nfunction total(items) {\n    return items.reduce((a, b) => a + b, 0);\n}\n```';

async function openFile(text: string, name: string): Promise<vscode.TextEditor> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ask-llama-edit-'));
  const file = path.join(folder, name);
  fs.writeFileSync(file, text);
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file)));
}

function selectLines(editor: vscode.TextEditor, from: number, to: number): void {
  editor.selection = new vscode.Selection(from - 1, 0, to, 0);
}

function proposalTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === EDIT_PROPOSAL_SCHEME);
}

describe('host: Edit Selection', function () {
  // The first test waits for the diff editor to open the first time, slow on a busy machine.
  this.timeout(60_000);
  const host = useScriptedHost({ model: MODEL }, { freshChat: true });
  let api: AskLlamaApi;
  let server: ScriptedServer;
  let ui: UiScript;
  beforeEach(() => {
    ({ api, server } = host);
    ui = scriptUi(api, (call) => (call.kind === 'showInputBox' ? 'Use reduce' : undefined));
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('askLlama.rejectEdit');
    ui.restore();
  });

  it('streams the rewrite into a diff and applies it on Accept in one undo step, in the file’s CRLF and tabs', async () => {
    routeServer(server, [{ id: MODEL }], [{ headers: SSE_HEADERS, chunks: sseAnswer(REWRITE.match(/[\s\S]{1,12}/g)!) }]);
    const editor = await openFile(CRLF_TABS, 'total.js');
    selectLines(editor, 1, 5);
    assert.strictEqual(await vscode.commands.executeCommand('askLlama.editSelection'), 'ready');

    const [request] = chatRequests(server);
    const user = request.json.messages.find((m: any) => m.role === 'user').content as string;
    assert.match(user, /Instruction: Use reduce/);
    assert.match(user, /\tfor \(const i of items\) sum \+= i;\n/, 'the selection is sent with LF line endings');
    assert.ok(!user.includes('// end'), 'only the selection is sent');

    const session = api.edits.session!;
    assert.strictEqual(proposalTabs().length, 1, 'the proposal is shown as a diff');
    const proposalDocument = await vscode.workspace.openTextDocument(session.proposalUri);
    const expected = 'function total(items) {\r\n\treturn items.reduce((a, b) => a + b, 0);\r\n}\r\n// end\r\n';
    // VS Code re-reads the proposal from its content provider a moment after the last piece, so the open document may
    // still hold the previous text: wait for the refresh. (It used to never come when the rewrite ended while the diff
    // was opening; proposalDocuments.test.ts pins that case down.)
    await until(() => proposalDocument.getText() === expected, 'the proposal to show the whole rewrite').catch(() => undefined);
    assert.strictEqual(proposalDocument.getText(), expected, 'the right side is the file with the rewrite: fence stripped, CRLF, tabs');
    assert.strictEqual(editor.document.getText(), CRLF_TABS, 'nothing changes before Accept');

    await vscode.commands.executeCommand('askLlama.acceptEdit');
    assert.strictEqual(editor.document.getText(), expected);
    assert.strictEqual(api.edits.session, undefined);
    await until(() => proposalTabs().length === 0, 'the diff to close');

    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), CRLF_TABS, 'one undo restores the original');
  });

  it('Reject closes the diff and leaves the file alone', async () => {
    routeServer(server, [{ id: MODEL }], [{ headers: SSE_HEADERS, chunks: sseAnswer([REWRITE]) }]);
    const editor = await openFile(CRLF_TABS, 'reject.js');
    selectLines(editor, 1, 5);
    assert.strictEqual(await vscode.commands.executeCommand('askLlama.editSelection'), 'ready');
    await vscode.commands.executeCommand('askLlama.rejectEdit');
    assert.strictEqual(api.edits.session, undefined);
    await until(() => proposalTabs().length === 0, 'the diff to close');
    await vscode.commands.executeCommand('askLlama.acceptEdit');
    assert.strictEqual(editor.document.getText(), CRLF_TABS);
  });

  it('keeps a Markdown rewrite whole when the model fences its nested ```sh block with ``` too', async () => {
    const rewritten = '# Install\n\n```sh\nnpm install\n```\n\nThen run `npm test`.\n';
    // The model's reply ends with the outer closing fence and no line break after it.
    const reply = '```markdown\n' + rewritten + '```';
    routeServer(server, [{ id: MODEL }], [{ headers: SSE_HEADERS, chunks: sseAnswer(reply.match(/[\s\S]{1,5}/g)!) }]);
    const original = '# Install\n\nRun npm install.\n';
    const editor = await openFile(original + '\n## Use\n', 'README.md');
    selectLines(editor, 1, 3);
    assert.strictEqual(await vscode.commands.executeCommand('askLlama.editSelection'), 'ready');
    await vscode.commands.executeCommand('askLlama.acceptEdit');
    assert.strictEqual(editor.document.getText(), rewritten + '\n## Use\n', 'the rewrite is applied whole, nested block included');
  });

  it('Stop mid-stream ends the edit without applying the partial rewrite', async () => {
    routeServer(server, [{ id: MODEL }], [
      { headers: SSE_HEADERS, chunks: sseAnswer(['```js\n', 'function total(items) {\n'], { done: false }).slice(0, 2), end: 'hang' },
    ]);
    const editor = await openFile(CRLF_TABS, 'stop.js');
    selectLines(editor, 1, 5);
    const started = vscode.commands.executeCommand('askLlama.editSelection');
    await until(() => api.edits.session?.proposedText.includes('function total') === true, 'the partial rewrite', 10_000);
    assert.strictEqual(api.edits.session?.state, 'streaming');
    await vscode.commands.executeCommand('askLlama.acceptEdit');
    assert.strictEqual(editor.document.getText(), CRLF_TABS, 'a streaming rewrite cannot be accepted');
    await vscode.commands.executeCommand('askLlama.stopEdit');
    assert.strictEqual(await started, 'stopped');
    assert.strictEqual(api.edits.session, undefined);
    await until(() => proposalTabs().length === 0, 'the diff to close');
    assert.strictEqual(editor.document.getText(), CRLF_TABS);
  });

  it('a failed request or a rewrite cut off at the token limit is never applied, and says so', async () => {
    routeServer(server, [{ id: MODEL }], [
      { status: 400, headers: { 'content-type': 'application/json' }, chunks: ['{"message":"bad"}'] },
      { headers: SSE_HEADERS, chunks: sseAnswer([REWRITE.slice(0, 40)], { finishReason: 'length' }) },
    ]);
    const editor = await openFile(CRLF_TABS, 'fail.js');
    selectLines(editor, 1, 5);
    assert.strictEqual(await vscode.commands.executeCommand('askLlama.editSelection'), 'failed');
    selectLines(await vscode.window.showTextDocument(editor.document), 1, 5);
    assert.strictEqual(await vscode.commands.executeCommand('askLlama.editSelection'), 'failed');
    const errors = ui.of('showErrorMessage').map((c) => c.message ?? '');
    assert.strictEqual(errors.length, 2);
    assert.match(errors[1], /token limit/);
    assert.strictEqual(api.edits.session, undefined);
    await vscode.commands.executeCommand('askLlama.acceptEdit');
    assert.strictEqual(editor.document.getText(), CRLF_TABS);
  });

  it('refuses to apply when the document changed under the proposal', async () => {
    routeServer(server, [{ id: MODEL }], [{ headers: SSE_HEADERS, chunks: sseAnswer([REWRITE]) }]);
    const editor = await openFile(CRLF_TABS, 'changed.js');
    selectLines(editor, 1, 5);
    assert.strictEqual(await vscode.commands.executeCommand('askLlama.editSelection'), 'ready');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(editor.document.uri, new vscode.Position(0, 0), '// typed meanwhile\r\n');
    await vscode.workspace.applyEdit(edit);
    assert.strictEqual(await vscode.commands.executeCommand('askLlama.acceptEdit'), 'documentChanged');
    assert.strictEqual(editor.document.getText(), '// typed meanwhile\r\n' + CRLF_TABS);
    assert.match(ui.of('showWarningMessage').at(-1)?.message ?? '', /changed after the edit started/);
  });

  it('refuses a read-only document and sends nothing', async () => {
    const scheme = 'ask-llama-test-readonly';
    const provider = vscode.workspace.registerTextDocumentContentProvider(scheme, { provideTextDocumentContent: () => 'const a = 1;\n' });
    try {
      const editor = await vscode.window.showTextDocument(vscode.Uri.from({ scheme, path: '/ro.js' }));
      editor.selection = new vscode.Selection(0, 0, 1, 0);
      assert.strictEqual(await vscode.commands.executeCommand('askLlama.editSelection'), 'readOnly');
      assert.strictEqual(chatRequests(server).length, 0);
      assert.strictEqual(ui.of('showInputBox').length, 0);
      assert.match(ui.of('showWarningMessage')[0].message ?? '', /read-only/);
    } finally {
      provider.dispose();
    }
  });
});
