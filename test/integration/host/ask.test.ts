// Ask Llama and Explain Selection end to end in the real host: the selection and question reach the scripted server,
// and the streamed answer lands in the open chat.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AskLlamaApi } from '../../../src/host/testApi';
import { ScriptedServer, sseAnswer } from '../../support/scriptedServer';
import { chatRequests, closeAllEditors, openWithSelection, routeServer, SSE_HEADERS, type UiScript, updateSettings, useScriptedHost, withScriptedUi } from './hostTestKit';

const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
const SOURCE = ['function add(a, b) {', '  return a + b;', '}', '', 'const UNSELECTED_MARKER = 42;'].join('\n');

function userContent(body: any): string {
  return body.messages.filter((m: any) => m.role === 'user').map((m: any) => m.content).join('\n');
}

describe('host: Ask Llama and Explain Selection', () => {
  const host = useScriptedHost({ model: MODEL }, { freshChat: true });
  let api: AskLlamaApi;
  let server: ScriptedServer;
  beforeEach(() => {
    ({ api, server } = host);
  });

  it('sends the question with the selected code and streams the answer into the chat', async () => {
    routeServer(server, [{ id: MODEL, contextLength: 128000 }], [{ headers: SSE_HEADERS, chunks: sseAnswer(['It adds', ' two numbers.']) }]);
    await openWithSelection(SOURCE, 'math.js', 1, 3);
    await withScriptedUi(api, (call) => (call.kind === 'showInputBox' ? '  What does this do?  ' : undefined), async (ui) => {
      await vscode.commands.executeCommand('askLlama.ask');
      const input = ui.of('showInputBox')[0];
      assert.match(input.options.prompt, /math\.js, lines 1–3/);
      assert.ok(input.options.validateInput('   '), 'a whitespace-only question is refused with a hint');
    });
    const [request] = chatRequests(server);
    assert.ok(request, 'the chat request should reach the server');
    assert.strictEqual(request.json.model, MODEL);
    const content = userContent(request.json);
    assert.match(content, /What does this do\?/);
    assert.match(content, /return a \+ b;/);
    assert.ok(!content.includes('UNSELECTED_MARKER'), 'only the selection is sent');

    const messages = api.chat.currentChat.messages;
    assert.strictEqual(messages.length, 2);
    assert.strictEqual(messages[0].role, 'user');
    assert.strictEqual(messages[0].attachment?.startLine, 1);
    assert.strictEqual(messages[0].attachment?.endLine, 3);
    assert.strictEqual(messages[1].role, 'assistant');
    assert.strictEqual(messages[1].text, 'It adds two numbers.');
    assert.strictEqual(messages[1].status, 'done');
  });

  it('asks without an attachment when nothing is selected, and sends nothing for an empty question', async () => {
    routeServer(server, [{ id: MODEL }], [{ headers: SSE_HEADERS, chunks: sseAnswer(['Fine.']) }]);
    await closeAllEditors();
    await withScriptedUi(api, (call) => (call.kind === 'showInputBox' ? '   ' : undefined), async () => {
      await vscode.commands.executeCommand('askLlama.ask');
    });
    assert.strictEqual(chatRequests(server).length, 0);

    await withScriptedUi(api, (call) => (call.kind === 'showInputBox' ? 'What is a monad?' : undefined), async () => {
      await vscode.commands.executeCommand('askLlama.ask');
    });
    assert.strictEqual(chatRequests(server).length, 1);
    assert.match(userContent(chatRequests(server)[0].json), /What is a monad\?/);
    assert.strictEqual(api.chat.currentChat.messages[0].attachment, undefined);
    assert.strictEqual(api.chat.currentChat.messages[1].text, 'Fine.');
  });

  it('Explain Selection sends the fixed prompt with the selection', async () => {
    routeServer(server, [{ id: MODEL }], [{ headers: SSE_HEADERS, chunks: sseAnswer(['An adder.']) }]);
    await openWithSelection(SOURCE, 'math.js', 1, 2);
    await withScriptedUi(api, async (ui) => {
      await vscode.commands.executeCommand('askLlama.explainSelection');
      assert.strictEqual(ui.of('showInputBox').length, 0, 'Explain asks no question');
    });
    const content = userContent(chatRequests(server)[0].json);
    assert.match(content, /Explain this code/);
    assert.match(content, /function add\(a, b\)/);
    assert.strictEqual(api.chat.currentChat.messages[1].text, 'An adder.');
  });

  it('refuses a binary document with a message and sends nothing', async () => {
    routeServer(server, [{ id: MODEL }], []);
    // VS Code will not open a binary file as text, but text with NUL bytes reaches an editor (pasted, decoded
    // with the wrong encoding, or from another extension); an untitled document stands in for those.
    const document = await vscode.workspace.openTextDocument({ content: 'PK\u0003\u0004\u0000\u0000binary\u0000data\nmore\n' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, 1, 4);
    try {
      await withScriptedUi(api, (call) => (call.kind === 'showInputBox' ? 'What is this?' : undefined), async (ui) => {
        await vscode.commands.executeCommand('askLlama.ask');
        assert.match(ui.of('showWarningMessage')[0]?.message ?? '', /binary or non-text/);
        assert.strictEqual(ui.of('showInputBox').length, 0);
      });
    } finally {
      // Untitled and dirty: revert so closing never asks to save.
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    assert.strictEqual(chatRequests(server).length, 0);
  });

  it('offers to send only the lines that fit when the selection is too large, and says which', async () => {
    // A small window makes a few hundred short lines too large.
    routeServer(server, [{ id: MODEL, contextLength: 2048 }], [{ headers: SSE_HEADERS, chunks: sseAnswer(['Partial view.']) }]);
    const lines = Array.from({ length: 400 }, (_, i) => `const value${i} = ${i}; // line ${i + 1}`);
    await openWithSelection(lines.join('\n'), 'big.js', 1, 400);
    const ui = await withScriptedUi(
      api,
      (call) => {
        if (call.kind === 'showWarningMessage') return call.items.find((b: string) => /^Send lines 1–\d+ only$/.test(b));
        if (call.kind === 'showInputBox') return 'Summarise';
        return undefined;
      },
      () => vscode.commands.executeCommand('askLlama.ask'),
    );
    const modal = ui.of('showWarningMessage')[0];
    assert.ok(modal, 'the too-large selection should be caught before sending');
    assert.strictEqual(modal.options.modal, true);
    const offered: string = modal.items[0];
    const lastLine = Number(/1–(\d+)/.exec(offered)![1]);
    assert.ok(lastLine > 1 && lastLine < 400, offered);
    const content = userContent(chatRequests(server)[0].json);
    // Line n holds `const value{n-1} = …`.
    assert.ok(content.includes(`const value${lastLine - 1} = `), 'the last offered line is sent');
    assert.ok(!content.includes(`const value${lastLine} = `), 'lines past the cut are not sent');
    assert.deepStrictEqual(api.chat.currentChat.messages[0].attachment?.truncatedTo, { startLine: 1, endLine: lastLine });
  });

  it('sends nothing when the user cancels the too-large selection', async () => {
    routeServer(server, [{ id: MODEL, contextLength: 2048 }], []);
    const lines = Array.from({ length: 400 }, (_, i) => `const value${i} = ${i};`);
    await openWithSelection(lines.join('\n'), 'big.js', 1, 400);
    await withScriptedUi(api, (call) => (call.kind === 'showInputBox' ? 'Summarise' : undefined), async (ui) => {
      await vscode.commands.executeCommand('askLlama.ask');
      assert.strictEqual(ui.of('showInputBox').length, 0);
    });
    assert.strictEqual(chatRequests(server).length, 0);
  });

  describe('with nothing selected, the current file', () => {
    async function askWithEmptySelection(text: string, fileName: string): Promise<UiScript> {
      const editor = await openWithSelection(text, fileName, 1, 1);
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      const ui = await withScriptedUi(api, (call) => (call.kind === 'showInputBox' ? 'What does this file do?' : undefined), async () => {
        await vscode.commands.executeCommand('askLlama.ask');
      });
      return ui;
    }

    it('is sent whole when it fits, and the prompt says so before sending', async () => {
      routeServer(server, [{ id: MODEL, contextLength: 128000 }], [{ headers: SSE_HEADERS, chunks: sseAnswer(['It adds.']) }]);
      const ui = await askWithEmptySelection(SOURCE, 'whole.js');
      assert.match(ui.of('showInputBox')[0].options.prompt, /whole\.js \(the whole file, 5 lines\)/);
      const content = userContent(chatRequests(server)[0].json);
      assert.ok(content.includes('UNSELECTED_MARKER') && content.includes('function add(a, b)'), 'the whole file is sent');
      assert.strictEqual(api.chat.currentChat.messages[0].attachment?.endLine, 5);
    });

    it('is cut to the first lines that fit the context window, and the prompt names them', async () => {
      routeServer(server, [{ id: MODEL, contextLength: 2048 }], [{ headers: SSE_HEADERS, chunks: sseAnswer(['Many constants.']) }]);
      const lines = Array.from({ length: 400 }, (_, i) => `const value${i} = ${i};`);
      const ui = await askWithEmptySelection(lines.join('\n'), 'long.js');
      const prompt = ui.of('showInputBox')[0].options.prompt as string;
      const kept = Number(/lines 1–(\d+) of 400/.exec(prompt)?.[1]);
      assert.ok(kept > 1 && kept < 400, prompt);
      const content = userContent(chatRequests(server)[0].json);
      assert.ok(content.includes(`const value${kept - 1} = `) && !content.includes(`const value${kept} = `), 'only the kept lines are sent');
      assert.deepStrictEqual(api.chat.currentChat.messages[0].attachment?.truncatedTo, { startLine: 1, endLine: kept });
    });

    it('is not sent when askLlama.includeCurrentFile is off', async () => {
      await updateSettings({ includeCurrentFile: false });
      routeServer(server, [{ id: MODEL }], [{ headers: SSE_HEADERS, chunks: sseAnswer(['Fine.']) }]);
      const ui = await askWithEmptySelection(SOURCE, 'off.js');
      assert.match(ui.of('showInputBox')[0].options.prompt, /select code first/);
      assert.ok(!userContent(chatRequests(server)[0].json).includes('UNSELECTED_MARKER'));
      assert.strictEqual(api.chat.currentChat.messages[0].attachment, undefined);
    });
  });
});
