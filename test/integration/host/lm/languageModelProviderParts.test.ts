// What the Ask Llama chat model provider tells VS Code beyond plain text, in the real extension host against the
// scripted server: the model metadata the picker reads, images, thinking, token usage, and a server that refuses
// `stream_options`. Parts VS Code exposes only on newer versions are reached through `any` and skipped where absent.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { AskLlamaChatModelProvider } from '../../../../src/host/lm/languageModelProvider';
import { ModelCatalog } from '../../../../src/host/models/modelCatalog';
import { sseAnswer, sseData } from '../../../support/scriptedServer';
import { chatRequests, EXTENSION_ID, routeServer, SSE_HEADERS, useScriptedHost, withScriptedUi } from '../hostTestKit';

const LLAMA = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
const SCOUT = 'meta-llama/Llama-4-Scout-17B-16E-Instruct';
const THREE_B = 'meta-llama/Llama-3.2-3B-Instruct-Turbo';
const LISTED = [
  { id: LLAMA, contextLength: 128000 },
  { id: SCOUT, contextLength: 1000000 },
  { id: THREE_B, contextLength: 131000 },
];
const api = vscode as any;
const hasProviderApi = typeof api.lm?.registerLanguageModelChatProvider === 'function';
/** A real 1×1 PNG: the workbench decodes (and may re-encode) images on their way to the provider. */
const PNG = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));

async function askLlamaModel(id: string): Promise<vscode.LanguageModelChat & Record<string, any>> {
  const [model] = await vscode.lm.selectChatModels({ vendor: 'ask-llama', id });
  assert.ok(model, `no ask-llama model ${id}`);
  return model as vscode.LanguageModelChat & Record<string, any>;
}

async function allParts(response: vscode.LanguageModelChatResponse): Promise<unknown[]> {
  const parts: unknown[] = [];
  for await (const part of response.stream) parts.push(part);
  return parts;
}

function reasoningChunk(text: string): string {
  return sseData({ choices: [{ index: 0, delta: { reasoning_content: text }, finish_reason: null }] });
}

const token = () => new vscode.CancellationTokenSource().token;
const silentLog = () => ({ info() {}, warn() {}, error() {}, debug() {}, trace() {} }) as unknown as vscode.LogOutputChannel;

(hasProviderApi ? describe : describe.skip)('host/lm: the chat model provider\'s metadata, images, thinking and usage', () => {
  const host = useScriptedHost({ model: LLAMA, maxTokens: 1024 });

  it('tells VS Code each model\'s category, image input and the sidebar\'s token limits', async () => {
    routeServer(host.server, LISTED, []);
    const scout = await askLlamaModel(SCOUT);
    const llama = await askLlamaModel(LLAMA);
    assert.strictEqual(scout.maxInputTokens, 1000000 - 1024 - 256, 'planBudget(1,000,000, 1024): the window minus the answer and the reserve');
    assert.strictEqual(llama.maxInputTokens, 128000 - 1024 - 256);
    // LanguageModelChat.capabilities and .category: VS Code 1.104+ (this suite runs only where the provider API is).
    assert.strictEqual(scout.capabilities.supportsImageToText, true, 'Llama 4 Scout takes images');
    assert.strictEqual(llama.capabilities.supportsImageToText, false);
    assert.deepStrictEqual(scout.category, { label: 'Ask Llama', order: 100 });
  });

  it('marks every model selectable or not and flags the live default first, so the picker does not preselect a deprecated seed', async () => {
    routeServer(host.server, LISTED, []);
    const provider = new AskLlamaChatModelProvider({ requests: host.api.requests, models: new ModelCatalog(silentLog()), log: silentLog() });
    try {
      const infos = (await provider.provideLanguageModelChatInformation()) as Array<Record<string, any>>;
      assert.strictEqual(infos[0].id, LLAMA, `order: ${infos.map((i) => i.id).join(', ')}`);
      assert.deepStrictEqual(infos.filter((i) => i.isDefault).map((i) => i.id), [LLAMA]);
      for (const info of infos) assert.strictEqual(typeof info.isUserSelectable, 'boolean', `${info.id} says whether it is user-selectable`);
      assert.strictEqual(infos.find((i) => i.id === THREE_B)!.isUserSelectable, false, 'the deprecated seed stays out of the picker');
      assert.strictEqual(infos.find((i) => i.id === SCOUT)!.isUserSelectable, true);
    } finally {
      provider.dispose();
    }
  });

  it('sends an image part as an OpenAI image_url data: URL', async function () {
    if (typeof api.LanguageModelDataPart?.image !== 'function') this.skip();
    routeServer(host.server, LISTED, [{ headers: SSE_HEADERS, chunks: sseAnswer(['A PNG header.']) }]);
    const model = await askLlamaModel(SCOUT);
    const message = vscode.LanguageModelChatMessage.User([new vscode.LanguageModelTextPart('What is this?'), api.LanguageModelDataPart.image(PNG, 'image/png')] as any);
    await allParts(await model.sendRequest([message], {}, token()));
    const [request] = chatRequests(host.server);
    const [message0] = request.json.messages;
    assert.strictEqual(message0.role, 'user');
    assert.deepStrictEqual(message0.content[0], { type: 'text', text: 'What is this?' });
    assert.strictEqual(message0.content[1].type, 'image_url');
    const url: string = message0.content[1].image_url.url;
    assert.match(url, /^data:image\/png;base64,/);
    const bytes = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
    assert.deepStrictEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the data: URL holds the PNG');
  });

  it('reports reasoning_content as thinking parts, the answer as text and the usage as a "usage" data part', async function () {
    if (typeof api.LanguageModelThinkingPart !== 'function') this.skip();
    routeServer(host.server, LISTED, [
      {
        headers: SSE_HEADERS,
        chunks: [reasoningChunk('The user '), reasoningChunk('greets me.'), ...sseAnswer(['Hello', '!'], { usage: { prompt_tokens: 21, completion_tokens: 7, total_tokens: 28 } })],
      },
    ]);
    const model = await askLlamaModel(LLAMA);
    const parts = await allParts(await model.sendRequest([vscode.LanguageModelChatMessage.User('Hi')], {}, token()));
    const thinking = parts.filter((p) => p instanceof api.LanguageModelThinkingPart).map((p: any) => [p.value].flat().join(''));
    const text = parts.filter((p) => p instanceof vscode.LanguageModelTextPart).map((p: any) => p.value);
    assert.strictEqual(thinking.join(''), 'The user greets me.');
    assert.strictEqual(text.join(''), 'Hello!', 'no reasoning in the answer text');
    const usage = parts.filter((p: any) => p instanceof api.LanguageModelDataPart && p.mimeType === 'usage');
    assert.strictEqual(usage.length, 1, `parts: ${parts.map((p: any) => p.constructor.name).join(', ')}`);
    assert.deepStrictEqual(JSON.parse(Buffer.from((usage[0] as any).data).toString('utf8')), { prompt_tokens: 21, completion_tokens: 7, total_tokens: 28 });
  });

  it('turns a leading <think> block into thinking parts, never answer text', async function () {
    if (typeof api.LanguageModelThinkingPart !== 'function') this.skip();
    routeServer(host.server, LISTED, [{ headers: SSE_HEADERS, chunks: sseAnswer(['<think>Short', ' question.</th', 'ink>\n\n', 'Yes.']) }]);
    const model = await askLlamaModel(LLAMA);
    const parts = await allParts(await model.sendRequest([vscode.LanguageModelChatMessage.User('Is it?')], {}, token()));
    const thinking = parts.filter((p) => p instanceof api.LanguageModelThinkingPart).map((p: any) => [p.value].flat().join(''));
    const text = parts.filter((p) => p instanceof vscode.LanguageModelTextPart).map((p: any) => p.value);
    assert.strictEqual(thinking.join(''), 'Short question.');
    assert.strictEqual(text.join(''), 'Yes.');
  });

  it('sends a turn\'s thinking back as reasoning_content with its tool calls', async function () {
    if (typeof api.LanguageModelThinkingPart !== 'function') this.skip();
    routeServer(host.server, LISTED, [{ headers: SSE_HEADERS, chunks: sseAnswer(['It is 3 °C.']) }]);
    const model = await askLlamaModel(LLAMA);
    const assistant = new vscode.LanguageModelChatMessage(vscode.LanguageModelChatMessageRole.Assistant, [
      new api.LanguageModelThinkingPart('I need the weather tool.'),
      new vscode.LanguageModelToolCallPart('call_1', 'get_weather', { city: 'Oslo' }),
    ] as any);
    const toolResult = vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart('call_1', [new vscode.LanguageModelTextPart('3 °C')])] as any);
    const tools = [{ name: 'get_weather', description: 'Weather', inputSchema: { type: 'object', properties: {} } }];
    await allParts(await model.sendRequest([vscode.LanguageModelChatMessage.User('Weather in Oslo?'), assistant, toolResult], { tools }, token()));
    const sent = chatRequests(host.server)[0].json.messages;
    assert.deepStrictEqual(sent[1], {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }],
      reasoning_content: 'I need the weather tool.',
    });
  });

  it('still answers from a server that refuses stream_options: asks again at once without it', async () => {
    routeServer(host.server, LISTED, [
      {
        status: 400,
        headers: { 'content-type': 'application/json' },
        chunks: [JSON.stringify({ error: { message: "Unrecognized request argument supplied: stream_options", type: 'invalid_request_error' } })],
      },
      { headers: SSE_HEADERS, chunks: sseAnswer(['Still here']) },
    ]);
    const model = await askLlamaModel(LLAMA);
    const parts = await allParts(await model.sendRequest([vscode.LanguageModelChatMessage.User('Hi')], {}, token()));
    const text = parts.filter((p) => p instanceof vscode.LanguageModelTextPart).map((p: any) => p.value);
    assert.strictEqual(text.join(''), 'Still here');
    const [first, second] = chatRequests(host.server);
    assert.deepStrictEqual(first.json.stream_options, { include_usage: true });
    assert.ok(second && !('stream_options' in second.json), 'the second request leaves stream_options out');
  });

  it('opens the key set-up from VS Code\'s model management (the managementCommand, called with the vendor)', async () => {
    const providers = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.languageModelChatProviders;
    const command: string = providers.find((p: { vendor: string }) => p.vendor === 'ask-llama').managementCommand;
    assert.ok((await vscode.commands.getCommands(true)).includes(command), `${command} is registered`);
    await withScriptedUi(host.api, async (ui) => {
      // VS Code's gear runs executeCommand(managementCommand, vendor).
      await vscode.commands.executeCommand(command, 'ask-llama');
      const pick = ui.of('showQuickPick')[0];
      assert.ok(pick, 'a picker opened');
      assert.strictEqual(pick.options.title, 'Ask Llama: API Keys');
      assert.match(pick.items[0].label, /Set API Key for 127\.0\.0\.1:\d+/);
    });
  });
});
