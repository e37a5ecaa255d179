// Failures reach the chat as one sentence with the actions that fix them; never the key, never raw HTML.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AskLlamaApi } from '../../../src/host/testApi';
import { ScriptedServer, type ScriptedResponse } from '../../support/scriptedServer';
import { chatRequests, routeServer, updateSettings, useScriptedHost, withScriptedUi } from './hostTestKit';

const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';

function jsonError(status: number, body: object, headers: Record<string, string> = {}): ScriptedResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, chunks: [JSON.stringify(body)] };
}

describe('host: errors and their actions', () => {
  const host = useScriptedHost({ model: MODEL }, { freshChat: true });
  let api: AskLlamaApi;
  let server: ScriptedServer;
  beforeEach(() => {
    ({ api, server } = host);
  });

  async function askAndGetError(question: string) {
    await withScriptedUi(api, (call) => (call.kind === 'showInputBox' ? question : undefined), async () => {
      await vscode.commands.executeCommand('askLlama.ask');
    });
    const answer = api.chat.currentChat.messages.at(-1);
    assert.strictEqual(answer?.role, 'assistant');
    assert.strictEqual(answer?.status, 'error');
    assert.ok(answer?.error, 'the failed answer carries an error view');
    return answer.error;
  }

  it('401 asks for the API key', async () => {
    routeServer(server, [{ id: MODEL }], [jsonError(401, { message: 'This request requires a valid API key', statusCode: 401 })]);
    const error = await askAndGetError('hello?');
    assert.strictEqual(error.kind, 'auth');
    assert.deepStrictEqual(error.actions, ['setApiKey']);
    assert.match(error.message, /127\.0\.0\.1/);
  });

  it('404 for the model offers another model and says it may be deprecated', async () => {
    routeServer(server, [{ id: MODEL }], [jsonError(404, { message: 'Model is deprecated', statusCode: 404 })]);
    const error = await askAndGetError('hello?');
    assert.strictEqual(error.kind, 'model_unavailable');
    assert.deepStrictEqual(error.actions, ['chooseModel']);
    assert.match(error.message, /deprecated/);
    assert.ok(error.message.includes(MODEL));
  });

  it('a gateway HTML page becomes a plain sentence with Retry and Show Log', async () => {
    const page: ScriptedResponse = { status: 502, headers: { 'content-type': 'text/html' }, chunks: ['<html><body><h1>502 Bad Gateway</h1></body></html>'] };
    routeServer(server, [{ id: MODEL }], [page, page, page, page]);
    const error = await askAndGetError('hello?');
    assert.ok(!/[<>]/.test(error.message), error.message);
    assert.ok(error.actions.includes('retry'));
    assert.ok(error.actions.includes('showLog'));
    assert.ok(chatRequests(server).length >= 1);
  });

  it('an unreachable server points at the base URL and proxy settings', async () => {
    const closed = await ScriptedServer.start();
    const deadBaseUrl = closed.baseUrl;
    await closed.close();
    await updateSettings({ baseUrl: deadBaseUrl });
    const error = await askAndGetError('hello?');
    assert.strictEqual(error.kind, 'network');
    assert.deepStrictEqual(error.actions, ['retry', 'openSettings', 'showLog']);
  });

  it("a plan stop shows the server's own sentence, quoted and inert, with the forbidden advice and action", async () => {
    const words = "You've reached your free limit for the hour. [Upgrade now](https://evil.example)";
    routeServer(server, [{ id: MODEL }], [jsonError(403, { message: words, statusCode: 403 })]);
    const error = await askAndGetError('hello?');
    assert.strictEqual(error.kind, 'forbidden');
    assert.deepStrictEqual(error.actions, ['openSettings']);
    assert.ok(error.message.includes("said: \u201cYou've reached your free limit for the hour. (Upgrade now)(https://evil.example)\u201d. "), error.message);
    assert.match(error.message, /Check your plan/);
  });

  it('a tool call cut by the token limit offers to raise askLlama.maxTokens', () => {
    const view = api.requests.describeError(Object.assign(new Error('x'), { kind: 'truncated', cutByMaxTokens: true }));
    assert.deepStrictEqual(view.actions, ['openMaxTokens', 'retry']);
    assert.match(view.message, /askLlama\.maxTokens/);
  });

  it('describes every request error kind with its actions', () => {
    const expected: Record<string, string[]> = {
      auth: ['setApiKey'],
      forbidden: ['openSettings'],
      model_unavailable: ['chooseModel'],
      context_length: ['chooseModel'],
      rate_limited: ['retry'],
      server: ['retry', 'showLog'],
      network: ['retry', 'openSettings', 'showLog'],
      timeout: ['retry', 'showLog'],
      truncated: ['retry', 'showLog'],
      stream_error: ['retry', 'showLog'],
      bad_response: ['retry', 'showLog'],
      cancelled: [],
    };
    for (const [kind, actions] of Object.entries(expected)) {
      const view = api.requests.describeError(Object.assign(new Error('x'), { kind, retryable: false }));
      assert.strictEqual(view.kind, kind);
      assert.deepStrictEqual(view.actions, actions, kind);
    }
    const limited = api.requests.describeError(Object.assign(new Error('Too Many Requests'), { kind: 'rate_limited', retryAfterMs: 3000 }));
    assert.match(limited.message, /3 s/);
    const tooLong = api.requests.describeError(Object.assign(new Error('x'), { kind: 'context_length' }));
    assert.match(tooLong.message, /[Ss]horten the selection/);
  });
});
