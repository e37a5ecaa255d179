// Apply on an answer's code block goes where the question was: the selection it asked about, followed through the
// edits made since; a range that no longer exists asks for a selection; with no question range and no selection, the
// declaration of the same name in the active file; always through the diff and one confirmation.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AskLlamaApi } from '../../../../src/host/testApi';
import { sseAnswer, type ScriptedServer } from '../../../support/scriptedServer';
import { closeAllEditors, openWithSelection, routeServer, scriptUi, SSE_HEADERS, type UiScript, useScriptedHost, withScriptedUi } from '../hostTestKit';

const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
const SOURCE = ['// header', 'function add(a, b) {', '  return a - b;', '}', '', 'function keep() {', '  return 1;', '}', ''].join('\n');
const FIXED = 'function add(a, b) {\n  return a + b;\n}';

/** Asks about the current selection (or nothing) and returns the answer's id once it has streamed. */
async function ask(api: AskLlamaApi, server: ScriptedServer, answer: string): Promise<string> {
  routeServer(server, [{ id: MODEL }], [{ headers: SSE_HEADERS, chunks: sseAnswer([answer]) }]);
  await withScriptedUi(api, (call) => (call.kind === 'showInputBox' ? 'Fix the bug' : undefined), async () => {
    await vscode.commands.executeCommand('askLlama.ask');
  });
  const last = api.chat.currentChat.messages.at(-1)!;
  assert.strictEqual(last.status, 'done');
  return last.id;
}

async function insert(document: vscode.TextDocument, line: number, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(line, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

describe('host: Apply where the question was', () => {
  const host = useScriptedHost({ model: MODEL }, { freshChat: true });
  let api: AskLlamaApi;
  let ui: UiScript;
  beforeEach(() => {
    api = host.api;
  });
  afterEach(() => ui?.restore());

  /** Clicks Apply on `code` in the answer `answerId`, accepting the diff when `accept`. */
  async function apply(answerId: string, code: string, accept = true): Promise<void> {
    ui = scriptUi(api, (call) => (call.kind === 'showWarningMessage' && call.options?.modal && accept ? call.items[0] : undefined));
    await api.chat.handlePageMessage({ type: 'codeBlock', action: 'apply', code, language: 'js', messageId: answerId });
  }

  it('applies to the asked-about range, followed through typing above it and an edit inside it', async () => {
    const editor = await openWithSelection(SOURCE, 'track.js', 2, 4);
    const answerId = await ask(api, host.server, `Swap the operator:\n\n\`\`\`js\n${FIXED}\n\`\`\``);
    await insert(editor.document, 0, '// typed above\n// and more\n');
    await insert(editor.document, 4, '  // a note inside\n');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await apply(answerId, FIXED + '\n');
    assert.strictEqual(ui.of('showWarningMessage').length, 1, 'one confirmation');
    assert.match(ui.of('showWarningMessage')[0].message ?? '', /track\.js, lines 4–7/);
    assert.strictEqual(
      editor.document.getText(),
      ['// typed above', '// and more', '// header', ...FIXED.split('\n'), '', 'function keep() {', '  return 1;', '}', ''].join('\n'),
    );
  });

  it('asks for a selection when the asked-about code was replaced, and changes nothing', async () => {
    const editor = await openWithSelection(SOURCE, 'gone.js', 2, 4);
    const answerId = await ask(api, host.server, `\`\`\`js\n${FIXED}\n\`\`\``);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(editor.document.uri, new vscode.Range(0, 0, 5, 0), 'rewritten by hand\n');
    await vscode.workspace.applyEdit(edit);
    const before = editor.document.getText();
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await apply(answerId, FIXED);
    assert.strictEqual(ui.of('showWarningMessage').length, 0, 'no diff is proposed');
    assert.strictEqual(editor.document.getText(), before);
  });

  it('with no question range and no selection, proposes the declaration with the same name in the active file', async () => {
    await closeAllEditors();
    const answerId = await ask(api, host.server, `\`\`\`js\n${FIXED}\n\`\`\``);
    const tabs = ['// header', 'function add(a, b) {', '\treturn a - b;', '}', '', 'function keep() {', '\treturn 1;', '}', ''].join('\r\n');
    const editor = await openWithSelection(tabs, 'match.js', 1, 1);
    editor.selection = new vscode.Selection(8, 0, 8, 0);
    await apply(answerId, 'function add(a, b) {\n    return a + b;\n}\n');
    assert.match(ui.of('showWarningMessage')[0]?.message ?? '', /match\.js, add, lines 2–4/);
    assert.strictEqual(editor.document.getText(), tabs.replace('\treturn a - b;', '\treturn a + b;'), 'tabs and CRLF of the file are kept');
  });

  it('with no range, replaces the declaration together with its doc comment when the block brings its own', async () => {
    await closeAllEditors();
    const documented = '/** Adds two numbers. */\n' + FIXED;
    const answerId = await ask(api, host.server, `\`\`\`js\n${documented}\n\`\`\``);
    const source = ['// header', '', '/** Adds. */', 'function add(a, b) {', '  return a - b;', '}', ''].join('\n');
    const editor = await openWithSelection(source, 'documented.js', 1, 1);
    editor.selection = new vscode.Selection(6, 0, 6, 0);
    await apply(answerId, documented + '\n');
    assert.match(ui.of('showWarningMessage')[0]?.message ?? '', /documented\.js, add, lines 3–6/);
    assert.strictEqual(editor.document.getText(), ['// header', '', documented, ''].join('\n'), 'one doc comment, the new one');
  });

  it('with no range, proposes nothing when two declarations have the block’s name and signature', async () => {
    await closeAllEditors();
    const method = '  add(a, b) {\n    return a + b;\n  }';
    const answerId = await ask(api, host.server, `\`\`\`js\n${method}\n\`\`\``);
    const source = ['class A {', '  add(a, b) {', '    return a - b;', '  }', '}', 'class B {', '  add(a, b) {', '    return a * b;', '  }', '}', ''].join('\n');
    const editor = await openWithSelection(source, 'twice.js', 1, 1);
    editor.selection = new vscode.Selection(10, 0, 10, 0);
    await apply(answerId, method);
    assert.strictEqual(ui.of('showWarningMessage').length, 0, 'no diff is proposed');
    assert.strictEqual(editor.document.getText(), source);
  });

  it('declining the diff changes nothing', async () => {
    const editor = await openWithSelection(SOURCE, 'decline.js', 2, 4);
    const answerId = await ask(api, host.server, `\`\`\`js\n${FIXED}\n\`\`\``);
    await apply(answerId, FIXED, false);
    assert.strictEqual(ui.of('showWarningMessage').length, 1);
    assert.strictEqual(editor.document.getText(), SOURCE);
  });
});
