// Smoke test of the `engines` floor: in the oldest VS Code the manifest accepts (1.90, through code-server 4.90.3) the
// extension activates, registers its commands and code actions, streams an answer into the sidebar chat, and leaves
// out the surfaces that VS Code lacks (the chat model provider, 1.104+) without an error. The harness passes the
// VS Code version it started in ASK_LLAMA_EXPECT_VSCODE and afterwards checks the host's logs for errors.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { type HostMessage, type PageMessage, unbatch } from '../../../src/common/protocol';
import type { ChatPageHandler } from '../../../src/host/chat/chatViewProvider';
import { sseAnswer } from '../../support/scriptedServer';
import { activateExtension, chatRequests, EXTENSION_ID, openWithSelection, routeServer, SSE_HEADERS, useScriptedHost } from '../host/hostTestKit';
import { assertNoEagerActivationEvents, assertStaysDormant } from '../startupActivation';

const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';

/** Polls `condition` until it holds; fails naming `what` after `ms`. */
async function waitFor(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The text of the "Ask Llama" log, read from the Output panel (Show Log opens it there). */
async function askLlamaLog(): Promise<string> {
  await vscode.commands.executeCommand('askLlama.showLog');
  const isOurLog = (e: vscode.TextEditor) => e.document.uri.scheme === 'output' && decodeURIComponent(e.document.uri.path).includes('Ask Llama');
  await waitFor(() => vscode.window.visibleTextEditors.some(isOurLog), 'the Ask Llama log to be shown');
  const text = vscode.window.visibleTextEditors.find(isOurLog)!.document.getText();
  await vscode.commands.executeCommand('workbench.action.closePanel');
  return text;
}

describe(`compat: the extension on VS Code ${vscode.version}`, () => {
  it('runs in the VS Code version the harness started', () => {
    const expected = process.env.ASK_LLAMA_EXPECT_VSCODE;
    assert.ok(expected, 'the harness names the VS Code version it started (ASK_LLAMA_EXPECT_VSCODE)');
    assert.strictEqual(vscode.version, expected);
  });

  it('stays dormant until used (no "*", no onStartupFinished), then activates without error', async () => {
    assertNoEagerActivationEvents(EXTENSION_ID);
    await assertStaysDormant(EXTENSION_ID);
    await activateExtension();
    assert.strictEqual(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('registers every command the manifest contributes', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(contributed.filter((id) => !registered.has(id)), []);
  });

  it('offers Explain Selection as a code action on a selection', async () => {
    // Plain text: no language extension of the workbench starts and adds its own providers meanwhile.
    const editor = await openWithSelection('first line\nsecond line\n', 'sample.txt', 1, 2);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, editor.selection);
    assert.strictEqual(actions.filter((a) => a.command?.command === 'askLlama.explainSelection').length, 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('registers the chat model provider only where VS Code has its API, and logs no warning or error', async () => {
    if (typeof vscode.lm?.registerLanguageModelChatProvider === 'function') {
      const models = await vscode.lm.selectChatModels({ vendor: 'ask-llama' });
      assert.ok(models.length > 0, 'VS Code has the provider API, so the Ask Llama models are listed');
    }
    const log = await askLlamaLog();
    if (typeof vscode.lm?.registerLanguageModelChatProvider !== 'function') {
      assert.match(log, /no chat model provider API/, 'the log says why the models are not offered');
    }
    // The @llama participant (createChatParticipant, in 1.90) and the provider log a warning when registering fails.
    assert.deepStrictEqual(log.split('\n').filter((line) => /\[(warning|error)\]/.test(line)), []);
  });

  describe('the sidebar chat', () => {
    const host = useScriptedHost({ model: MODEL }, { freshChat: true });

    it('loads its page and streams an answer into it', async () => {
      routeServer(host.server, [{ id: MODEL, contextLength: 128000 }], [{ headers: SSE_HEADERS, chunks: sseAnswer(['Hello', ' from', ' 1.90.']) }]);
      // Every page message and every post to the page goes through these two methods of the chat controller (the
      // test API's `chat`): record what the real webview page sends and what the host posts to it.
      const controller = host.api.chat as unknown as ChatPageHandler;
      const fromPage: PageMessage[] = [];
      const toPage: HostMessage[] = [];
      const attachPage = controller.attachPage.bind(controller);
      const handlePageMessage = controller.handlePageMessage.bind(controller);
      controller.attachPage = (post) => attachPage((message) => (toPage.push(...unbatch(message)), post(message)));
      controller.handlePageMessage = (message) => (fromPage.push(message), handlePageMessage(message));
      try {
        await vscode.commands.executeCommand('askLlama.chat.focus');
        await waitFor(() => fromPage.some((m) => m.type === 'ready'), 'the chat page to load and say ready');
        await controller.handlePageMessage({ type: 'send', text: 'Say hello', includeSelection: false });
        await waitFor(() => !host.api.chat.busy, 'the answer to settle');

        assert.match(chatRequests(host.server)[0]?.json.messages.at(-1).content ?? '', /Say hello/);
        const deltas = toPage.flatMap((m) => (m.type === 'delta' ? [m.text] : []));
        assert.ok(deltas.length > 0, 'the answer reached the page as it streamed');
        const answer = host.api.chat.currentChat.messages.at(-1);
        assert.strictEqual(answer?.text, 'Hello from 1.90.');
        assert.strictEqual(answer?.status, 'done');
      } finally {
        delete (controller as Partial<ChatPageHandler>).attachPage;
        delete (controller as Partial<ChatPageHandler>).handlePageMessage;
      }
    });
  });
});
