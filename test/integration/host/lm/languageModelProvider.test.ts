// The Ask Llama chat model provider in the real extension host, reached the way every extension reaches it: through
// vscode.lm. The requests go through the request module to the scripted server.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { chatChunk, ScriptedServer, sseAnswer, sseData } from '../../../support/scriptedServer';
import { chatRequests, isModelsRequest, routeServer, SSE_HEADERS, updateSettings, useScriptedHost } from '../hostTestKit';

const LLAMA = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
const LITE = 'meta-llama/Meta-Llama-3-8B-Instruct-Lite';
const LISTED = [
  { id: LLAMA, contextLength: 128000 },
  { id: LITE, contextLength: 9000 },
  { id: 'openai/gpt-4o', contextLength: 128000 },
];
const hasProviderApi = typeof (vscode.lm as { registerLanguageModelChatProvider?: unknown }).registerLanguageModelChatProvider === 'function';

async function askLlamaModel(id = LLAMA): Promise<vscode.LanguageModelChat> {
  const [model] = await vscode.lm.selectChatModels({ vendor: 'ask-llama', id });
  assert.ok(model, `no ask-llama model ${id}`);
  return model;
}

/** Resolves true when VS Code's list of chat models next changes, false if it has not within 5 s. */
function nextModelChange(): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => (listener.dispose(), resolve(false)), 5000);
    const listener = vscode.lm.onDidChangeChatModels(() => (clearTimeout(timer), listener.dispose(), resolve(true)));
  });
}

async function readText(response: vscode.LanguageModelChatResponse): Promise<string> {
  let text = '';
  for await (const piece of response.text) text += piece;
  return text;
}

function toolCallAnswer(server: ScriptedServer, pieces: string[]): void {
  routeServer(server, LISTED, [
    {
      headers: SSE_HEADERS,
      chunks: [
        sseData({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_w1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }, finish_reason: null }] }),
        ...pieces.map((piece) => sseData({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: piece } }] }, finish_reason: null }] })),
        sseData(chatChunk(null, { finishReason: 'tool_calls' })),
        sseData('[DONE]'),
      ],
    },
  ]);
}

(hasProviderApi ? describe : describe.skip)('host/lm: the Ask Llama chat model provider', () => {
  const host = useScriptedHost({ model: LLAMA, maxTokens: 1024 });

  it('lists the server\'s Llama models under vendor ask-llama with the sidebar\'s token limits', async () => {
    routeServer(host.server, LISTED, []);
    const models = await vscode.lm.selectChatModels({ vendor: 'ask-llama' });
    const ids = models.map((m) => m.id);
    assert.ok(ids.includes(LLAMA), `models: ${ids.join(', ')}`);
    assert.ok(ids.includes(LITE), 'the seed model is offered too');
    assert.ok(!ids.includes('openai/gpt-4o'), 'a gateway\'s other models stay out of the picker');
    const llama = models.find((m) => m.id === LLAMA)!;
    // planBudget(128000, 1024): the answer keeps 1024, the prompt gets the rest minus the 256-token reserve.
    assert.strictEqual(llama.maxInputTokens, 128000 - 1024 - 256);
    assert.strictEqual(llama.vendor, 'ask-llama');
    assert.strictEqual(llama.name, 'Llama-3.3-70B-Instruct-Turbo');
    const lite = models.find((m) => m.id === LITE)!;
    assert.strictEqual(lite.maxInputTokens, 9000 - 1024 - 256);
  });

  it('streams text through sendRequest, with the messages and limits the server expects', async () => {
    routeServer(host.server, LISTED, [{ headers: SSE_HEADERS, chunks: sseAnswer(['Hello', ' from', ' Llama']) }]);
    const model = await askLlamaModel();
    const response = await model.sendRequest(
      [vscode.LanguageModelChatMessage.User('Say hello'), vscode.LanguageModelChatMessage.Assistant('Hi?'), vscode.LanguageModelChatMessage.User('Again')],
      {},
      new vscode.CancellationTokenSource().token,
    );
    assert.strictEqual(await readText(response), 'Hello from Llama');
    const [request] = chatRequests(host.server);
    assert.strictEqual(request.json.model, LLAMA);
    assert.strictEqual(request.json.max_tokens, 1024);
    assert.strictEqual(request.json.stream, true);
    assert.deepStrictEqual(request.json.messages, [
      { role: 'user', content: 'Say hello' },
      { role: 'assistant', content: 'Hi?' },
      { role: 'user', content: 'Again' },
    ]);
    assert.strictEqual('tools' in request.json, false);
  });

  it('stops the request when the caller cancels, keeping what already arrived', async () => {
    routeServer(host.server, LISTED, [{ headers: SSE_HEADERS, chunks: [sseData(chatChunk('first piece'))], end: 'hang' }]);
    const model = await askLlamaModel();
    const source = new vscode.CancellationTokenSource();
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Go')], {}, source.token);
    const pieces: string[] = [];
    try {
      for await (const piece of response.text) {
        pieces.push(piece);
        source.cancel();
      }
    } catch (error) {
      // Ending the stream with a cancellation error is as good as ending it quietly.
      assert.match(String(error), /cancel/i);
    }
    assert.deepStrictEqual(pieces, ['first piece']);
    const started = Date.now();
    while (host.server.openConnections > 0 && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 20));
    assert.strictEqual(host.server.openConnections, 0, 'the connection to the server is closed');
  });

  it('surfaces a failure as a LanguageModelError with the sidebar\'s sentence', async () => {
    routeServer(host.server, LISTED, [
      { status: 401, headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ message: 'This request requires a valid API key', statusCode: 401 })] },
    ]);
    const model = await askLlamaModel();
    let failure: unknown;
    try {
      const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Hi')], {}, new vscode.CancellationTokenSource().token);
      await readText(response);
    } catch (error) {
      failure = error;
    }
    assert.ok(failure instanceof Error, 'the request fails');
    assert.match(failure.message, /127\.0\.0\.1:\d+ rejected the API key\. Set a valid key to continue\./);
    assert.ok(failure instanceof vscode.LanguageModelError, `a LanguageModelError, got ${failure.constructor.name}`);
    assert.strictEqual(failure.code, 'NoPermissions');
  });

  it('completes a tool-call round trip: tools sent, the call reported as a part, the result sent back', async () => {
    toolCallAnswer(host.server, ['{"city":', ' "Oslo"}']);
    const model = await askLlamaModel();
    const tools: vscode.LanguageModelChatTool[] = [
      { name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } },
    ];
    const first = await model.sendRequest([vscode.LanguageModelChatMessage.User('Weather in Oslo?')], { tools }, new vscode.CancellationTokenSource().token);
    const parts: unknown[] = [];
    for await (const part of first.stream) parts.push(part);
    const calls = parts.filter((part): part is vscode.LanguageModelToolCallPart => part instanceof vscode.LanguageModelToolCallPart);
    assert.strictEqual(calls.length, 1, `parts: ${JSON.stringify(parts)}`);
    assert.strictEqual(calls[0].callId, 'call_w1');
    assert.strictEqual(calls[0].name, 'get_weather');
    assert.deepStrictEqual(calls[0].input, { city: 'Oslo' });
    const sentTools = chatRequests(host.server)[0].json.tools;
    assert.deepStrictEqual(sentTools, [{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: tools[0].inputSchema } }]);

    routeServer(host.server, LISTED, [{ headers: SSE_HEADERS, chunks: sseAnswer(['It is 3 °C in Oslo.']) }]);
    const message = (role: vscode.LanguageModelChatMessageRole, content: unknown[]) =>
      new vscode.LanguageModelChatMessage(role, content as unknown as string);
    const second = await model.sendRequest(
      [
        vscode.LanguageModelChatMessage.User('Weather in Oslo?'),
        message(vscode.LanguageModelChatMessageRole.Assistant, [calls[0]]),
        message(vscode.LanguageModelChatMessageRole.User, [new vscode.LanguageModelToolResultPart('call_w1', [new vscode.LanguageModelTextPart('3 °C, cloudy')])]),
      ],
      { tools },
      new vscode.CancellationTokenSource().token,
    );
    assert.strictEqual(await readText(second), 'It is 3 °C in Oslo.');
    assert.deepStrictEqual(chatRequests(host.server)[1].json.messages, [
      { role: 'user', content: 'Weather in Oslo?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_w1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: 'call_w1', content: '3 °C, cloudy' },
    ]);
  });

  it('asks a newly configured server for its models only when VS Code asks for them, not when the setting changes', async () => {
    routeServer(host.server, LISTED, []);
    await vscode.lm.selectChatModels({ vendor: 'ask-llama' }); // VS Code now holds this server's list
    const other = await ScriptedServer.start();
    try {
      const OTHER_ONLY = 'meta-llama/Llama-4-Scout-17B-16E-Instruct';
      routeServer(other, [{ id: OTHER_ONLY, contextLength: 64000 }], []);
      const modelsAsked = () => other.requests.filter(isModelsRequest).length;
      // VS Code re-reads the list as soon as Ask Llama signals the change; wait for that (or for a request).
      const reread = new Promise<void>((resolve) => {
        const listener = vscode.lm.onDidChangeChatModels(() => (listener.dispose(), resolve()));
        const poll = setInterval(() => modelsAsked() > 0 && (clearInterval(poll), resolve()), 20);
        setTimeout(() => (listener.dispose(), clearInterval(poll), resolve()), 5000);
      });
      await updateSettings({ baseUrl: other.baseUrl });
      await reread;
      assert.strictEqual(modelsAsked(), 0, 'the new server was asked for its models because a setting changed');

      const models = await vscode.lm.selectChatModels({ vendor: 'ask-llama' });
      assert.strictEqual(modelsAsked(), 1, 'asking for the models fetches the new server\'s list once');
      assert.ok(models.some((m) => m.id === OTHER_ONLY), `the new server's list is offered: ${models.map((m) => m.id).join(', ')}`);
    } finally {
      await other.close();
    }
  });

  it('tells VS Code when a question fetched the newly configured server\'s list', async () => {
    routeServer(host.server, LISTED, []);
    await vscode.lm.selectChatModels({ vendor: 'ask-llama' });
    const other = await ScriptedServer.start();
    try {
      routeServer(other, [{ id: LLAMA, contextLength: 64000 }], []);
      const settled = nextModelChange();
      await updateSettings({ baseUrl: other.baseUrl });
      await settled; // VS Code's re-read after the change (the built-in list: nothing fetched yet)
      const told = nextModelChange();
      await host.api.requests.prepare(); // a question's preparation fetches the list for the context window
      assert.strictEqual(other.requests.filter(isModelsRequest).length, 1);
      assert.ok(await told, 'VS Code was not told that the new server\'s list arrived');
    } finally {
      await other.close();
    }
  });

  it('counts tokens with the project\'s estimate', async () => {
    routeServer(host.server, LISTED, []);
    const model = await askLlamaModel();
    assert.strictEqual(await model.countTokens('123456789'), 3);
  });
});
