// The @llama chat participant in the real extension host. Its handler is called directly with a recording response
// stream (VS Code offers extensions no API to send a chat request to a participant); the request goes through the
// request module to the scripted server, with the real editor selection and the real RequestContext.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ModelCatalog } from '../../../../src/host/models/modelCatalog';
import { answerChatRequest, type ParticipantDeps } from '../../../../src/host/lm/llamaParticipant';
import { chatChunk, sseAnswer, sseData } from '../../../support/scriptedServer';
import { messageTokens } from '../../../../src/common/contextBudget';
import { chatRequests, openWithSelection, routeServer, SSE_HEADERS, updateSettings, useScriptedHost } from '../hostTestKit';

const LLAMA = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
const PICKED = 'meta-llama/llama-3.3-70b-versatile';
const SOURCE = ['function add(a, b) {', '  return a + b;', '}', '', 'const UNSELECTED_MARKER = 42;'].join('\n');
const hasParticipantApi = typeof vscode.chat?.createChatParticipant === 'function';

function silentLog(): vscode.LogOutputChannel {
  const nothing = () => undefined;
  return { trace: nothing, debug: nothing, info: nothing, warn: nothing, error: nothing } as unknown as vscode.LogOutputChannel;
}

function recordingStream(): { stream: vscode.ChatResponseStream; markdown: string[] } {
  const markdown: string[] = [];
  const stream = { markdown: (value: string | vscode.MarkdownString) => markdown.push(typeof value === 'string' ? value : value.value) };
  return { stream: stream as unknown as vscode.ChatResponseStream, markdown };
}

function chatRequest(command: string | undefined, prompt: string, model?: { vendor: string; id: string }): vscode.ChatRequest {
  return { prompt, command, references: [], model } as unknown as vscode.ChatRequest;
}

(hasParticipantApi ? describe : describe.skip)('host/lm: the @llama chat participant', () => {
  const host = useScriptedHost({ model: LLAMA, maxTokens: 1024 });
  let deps: ParticipantDeps;
  beforeEach(() => {
    deps = { requests: host.api.requests, models: new ModelCatalog(silentLog()), log: silentLog() };
  });

  it('/explain answers for the selection with the model picked in the chat, streamed as Markdown', async () => {
    routeServer(host.server, [{ id: LLAMA, contextLength: 128000 }, { id: PICKED, contextLength: 131000 }], [
      { headers: SSE_HEADERS, chunks: sseAnswer(['It **adds**', ' two numbers.']) },
    ]);
    await openWithSelection(SOURCE, 'math.js', 1, 3);
    const { stream, markdown } = recordingStream();
    const result = await answerChatRequest(deps, chatRequest('explain', '', { vendor: 'ask-llama', id: PICKED }), { history: [] }, stream, new vscode.CancellationTokenSource().token);
    assert.strictEqual(result.errorDetails, undefined);
    assert.deepStrictEqual(markdown, ['It **adds**', ' two numbers.']);
    const [request] = chatRequests(host.server);
    assert.strictEqual(request.json.model, PICKED, 'the model picked in the chat');
    const user = request.json.messages.at(-1).content as string;
    assert.match(user, /^Explain what this code does/);
    assert.match(user, /math\.js \(language: javascript\), lines 1-3/);
    assert.match(user, /return a \+ b;/);
    assert.ok(!user.includes('UNSELECTED_MARKER'), 'only the selection is sent');
  });

  it('uses the configured model when the picked model is not an Ask Llama one, and offers follow-ups', async () => {
    routeServer(host.server, [{ id: LLAMA, contextLength: 128000 }], [{ headers: SSE_HEADERS, chunks: sseAnswer(['Fixed.']) }]);
    await openWithSelection(SOURCE, 'math.js', 2, 2);
    const { stream } = recordingStream();
    const result = await answerChatRequest(deps, chatRequest('fix', '', { vendor: 'copilot', id: 'gpt-4o' }), { history: [] }, stream, new vscode.CancellationTokenSource().token);
    assert.strictEqual(chatRequests(host.server)[0].json.model, LLAMA);
    assert.deepStrictEqual(result.metadata, { command: 'fix' });
  });

  for (const implicit of ['selection', 'file'] as const) {
    it(`sends only the selection when the chat also attaches the ${implicit} by itself (its implicit context)`, async () => {
      routeServer(host.server, [{ id: LLAMA, contextLength: 128000 }], [{ headers: SSE_HEADERS, chunks: sseAnswer(['Adds.']) }]);
      const editor = await openWithSelection(SOURCE, 'math.js', 1, 3);
      const uri = editor.document.uri;
      const reference = implicit === 'file'
        ? { id: 'vscode.implicit.file', value: uri }
        : { id: 'vscode.implicit.selection', value: new vscode.Location(uri, editor.selection) };
      const request = { ...chatRequest('explain', '', { vendor: 'ask-llama', id: LLAMA }), references: [reference] } as unknown as vscode.ChatRequest;
      await answerChatRequest(deps, request, { history: [] }, recordingStream().stream, new vscode.CancellationTokenSource().token);
      const user = chatRequests(host.server)[0].json.messages.at(-1).content as string;
      assert.strictEqual(user.split('return a + b;').length - 1, 1, `the selected code is sent once:\n${user}`);
      assert.ok(!user.includes('UNSELECTED_MARKER'), `only the selection is sent:\n${user}`);
    });
  }

  for (const which of ['picked in the chat', 'configured'] as const) {
    it(`cuts a large selection to askLlama.contextWindow, not the list's window (model ${which})`, async () => {
      // The list says 128k, the user says 2048: the user's window is the one the server really has (a local server).
      const window = 2048;
      await updateSettings({ contextWindow: window });
      routeServer(host.server, [{ id: LLAMA, contextLength: 128000 }], [{ headers: SSE_HEADERS, chunks: sseAnswer(['Adds.']) }]);
      const big = Array.from({ length: 600 }, (_, i) => `const value${i} = compute(${i}, "some padding text");`).join('\n');
      await openWithSelection(big, 'big.js', 1, 600);
      const { stream, markdown } = recordingStream();
      const model = which === 'configured' ? { vendor: 'copilot', id: 'gpt-4o' } : { vendor: 'ask-llama', id: LLAMA };
      const result = await answerChatRequest(deps, chatRequest('explain', '', model), { history: [] }, stream, new vscode.CancellationTokenSource().token);
      assert.strictEqual(result.errorDetails, undefined);
      const [request] = chatRequests(host.server);
      const sent = (request.json.messages as { content: string }[]).reduce((sum, message) => sum + messageTokens(message.content), 0);
      assert.ok(request.json.max_tokens + sent <= window, `prompt ${sent} + answer ${request.json.max_tokens} tokens fit the ${window}-token window`);
      assert.ok(!(request.json.messages.at(-1).content as string).includes('value599'), 'the end of the selection is cut');
      assert.match(markdown.join(''), /Only lines 1–\d+ of \S*big\.js fit the context window/);
    });
  }

  it('refuses, like the sidebar, a question that does not fit the context window, and sends nothing', async () => {
    await updateSettings({ contextWindow: 2048 });
    routeServer(host.server, [{ id: LLAMA, contextLength: 128000 }], [{ headers: SSE_HEADERS, chunks: sseAnswer(['Sent anyway.']) }]);
    await openWithSelection(SOURCE, 'math.js', 1, 3);
    const { stream, markdown } = recordingStream();
    const question = 'Why does this fail? '.repeat(600); // ~4 000 tokens against the ~1 000 a 2048-token window leaves
    const result = await answerChatRequest(deps, chatRequest(undefined, question, { vendor: 'ask-llama', id: LLAMA }), { history: [] }, stream, new vscode.CancellationTokenSource().token);
    assert.strictEqual(chatRequests(host.server).length, 0, 'nothing is sent');
    assert.match(result.errorDetails?.message ?? '', /^Not sent: this question and its code need about \d+ tokens, more than the \d+ the model's context window \(2048 tokens\) leaves/);
    assert.deepStrictEqual(markdown, []);
  });

  it('asks for code when a command has neither a selection nor a #file', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const { stream, markdown } = recordingStream();
    await answerChatRequest(deps, chatRequest('tests', '', { vendor: 'ask-llama', id: LLAMA }), { history: [] }, stream, new vscode.CancellationTokenSource().token);
    assert.match(markdown.join(''), /Select some code in the editor, or attach a file with #file/);
    assert.strictEqual(chatRequests(host.server).length, 0);
  });

  it('stops when the chat cancels, and reports failures with the sidebar\'s sentence', async () => {
    routeServer(host.server, [{ id: LLAMA }], [{ headers: SSE_HEADERS, chunks: [sseData(chatChunk('partial'))], end: 'hang' }]);
    await openWithSelection(SOURCE, 'math.js', 1, 3);
    const source = new vscode.CancellationTokenSource();
    const cancelling = { markdown: () => source.cancel() } as unknown as vscode.ChatResponseStream;
    const cancelled = await answerChatRequest(deps, chatRequest('doc', '', { vendor: 'ask-llama', id: LLAMA }), { history: [] }, cancelling, source.token);
    assert.strictEqual(cancelled.errorDetails, undefined, 'a cancelled answer is not an error');

    routeServer(host.server, [{ id: LLAMA }], [{ status: 404, headers: { 'content-type': 'application/json' }, chunks: ['{"message":"Model not found","statusCode":404}'] }]);
    const { stream } = recordingStream();
    const failed = await answerChatRequest(deps, chatRequest('explain', '', { vendor: 'ask-llama', id: LLAMA }), { history: [] }, stream, new vscode.CancellationTokenSource().token);
    assert.match(failed.errorDetails?.message ?? '', /The model meta-llama\/Llama-3\.3-70B-Instruct-Turbo is not available on 127\.0\.0\.1:\d+/);
  });

  it('is contributed with its slash commands', () => {
    const manifest = vscode.extensions.getExtension('ask-llama.ask-llama')!.packageJSON;
    const participant = manifest.contributes.chatParticipants[0];
    assert.strictEqual(participant.name, 'llama');
    assert.deepStrictEqual(participant.commands.map((c: { name: string }) => c.name), ['explain', 'fix', 'tests', 'doc']);
  });
});
