// Faults in the real extension host against the scripted server: each case checks the stored answer's status, error
// kind and actions, the partial text kept, that Retry works afterwards, that it settles within a hang bound, that no
// unhandled rejection of ours happened, and that the history on disk matches the chat shown.
import * as assert from 'assert';
import type { ChatMessage } from '../../../src/common/chatTypes';
import { HistoryStore } from '../../../src/host/chat/historyStore';
import type { AskLlamaApi } from '../../../src/host/testApi';
import { chatChunk, ScriptedServer, sseData, type ScriptedResponse } from '../../support/scriptedServer';
import { activateExtension, chatRequests, modelsResponse, routeServer, scriptUi, snapshotSettings, SSE_HEADERS, updateSettings, type UiScript } from '../host/hostTestKit';
import { assertHistoryConsistent, bounded, controllerOf, jsonStatus, lastAnswer, MODEL, RejectionWatch, streamed, until } from './reliabilityKit';
import { recordCase, writeResults } from './results';

const MODELS = [{ id: MODEL }];
/** Hang bounds, generous: they catch a stuck request, they do not measure speed. */
const BOUND_MS = 20_000;

function summary(answer: ChatMessage, ms: number): string {
  const error = answer.error ? `/${answer.error.kind} [${answer.error.actions.join('+')}]` : '';
  const kept = answer.text ? `, text kept "${answer.text.length > 40 ? `${answer.text.slice(0, 40)}…` : answer.text}"` : '';
  return `${answer.status}${error} in ${(ms / 1000).toFixed(1)} s${kept}`;
}

describe('reliability: faults in the extension host', function () {
  this.timeout(60_000);
  let api: AskLlamaApi;
  let server: ScriptedServer;
  let restoreSettings: () => Promise<void>;
  let ui: UiScript;
  let rejections: RejectionWatch;
  let oursBefore = 0;

  before(async () => {
    api = await activateExtension();
    rejections = new RejectionWatch();
    restoreSettings = snapshotSettings();
    ui = scriptUi(api);
  });

  after(async () => {
    ui.restore();
    await restoreSettings();
    rejections.dispose();
    writeResults();
  });

  beforeEach(async () => {
    server = await ScriptedServer.start();
    await updateSettings({ baseUrl: server.baseUrl, model: MODEL, requestTimeoutSeconds: 60 });
    await api.chat.newChat();
    oursBefore = rejections.ours().length;
  });

  afterEach(async () => {
    await server.close();
    // Give a stray rejection a chance to surface before judging.
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepStrictEqual(rejections.ours().slice(oursBefore), [], 'no unhandled rejection from the extension');
  });

  /** Wraps a case so its outcome lands in the results table whether it passes or fails. */
  function reliabilityCase(name: string, body: () => Promise<string>): void {
    it(name, async () => {
      try {
        const observed = await body();
        recordCase({ area: 'Faults', name, passed: true, observed });
      } catch (error) {
        recordCase({ area: 'Faults', name, passed: false, observed: error instanceof Error ? error.message : String(error) });
        throw error;
      }
    });
  }

  async function ask(question: string): Promise<{ answer: ChatMessage; ms: number }> {
    const ms = await bounded(controllerOf(api).ask(question), BOUND_MS, `the question "${question}"`);
    return { answer: lastAnswer(api), ms };
  }

  /** Retry on the same chat, against `target` answering `text`; checks the regenerated answer. */
  async function retryWorks(target: ScriptedServer, text = 'Recovered answer.'): Promise<string> {
    const questions = api.chat.currentChat.messages.filter((m) => m.role === 'user').length;
    routeServer(target, MODELS, [streamed([text.slice(0, 5), text.slice(5)])]);
    await updateSettings({ baseUrl: target.baseUrl });
    await bounded(controllerOf(api).retry(), BOUND_MS, 'Retry');
    const answer = lastAnswer(api);
    assert.strictEqual(answer.status, 'done', 'Retry gives a finished answer');
    assert.strictEqual(answer.text, text);
    assert.strictEqual(api.chat.currentChat.messages.filter((m) => m.role === 'user').length, questions, 'Retry does not duplicate the question');
    await assertHistoryConsistent(api);
    return 'Retry → done';
  }

  function assertError(answer: ChatMessage, kind: string, actions: string[]): void {
    assert.strictEqual(answer.status, 'error', `status of ${JSON.stringify(answer.error)}`);
    assert.strictEqual(answer.error?.kind, kind);
    assert.deepStrictEqual(answer.error?.actions, actions);
    assert.ok(answer.error.message.trim().length > 10, 'a sentence, not a code');
    assert.ok(!/[<>]/.test(answer.error.message), `no markup in "${answer.error.message}"`);
  }

  reliabilityCase('connection refused (closed port)', async () => {
    const closed = await ScriptedServer.start();
    const deadUrl = closed.baseUrl;
    await closed.close();
    await updateSettings({ baseUrl: deadUrl });
    const { answer, ms } = await ask('Are you there?');
    assertError(answer, 'network', ['retry', 'openSettings', 'showLog']);
    assert.match(answer.error!.message, /127\.0\.0\.1/, 'names the server it could not reach');
    await assertHistoryConsistent(api);
    return `${summary(answer, ms)}; ${await retryWorks(server)}`;
  });

  reliabilityCase('DNS failure (.invalid host, remote so the key is used)', async () => {
    const origin = 'http://ask-llama-reliability.invalid';
    const previousKey = await api.keys.get(origin);
    await api.keys.set(origin, 'dns-case-key');
    // Plain http to another machine: the user agreed once to send the key there (plainHttpKey.test.ts asks).
    await api.plainHttp.remember(origin);
    try {
      await updateSettings({ baseUrl: 'http://ask-llama-reliability.invalid/v1' });
      const { answer, ms } = await ask('Anyone?');
      assertError(answer, 'network', ['retry', 'openSettings', 'showLog']);
      assert.match(answer.error!.message, /ask-llama-reliability\.invalid/);
      await assertHistoryConsistent(api);
      return `${summary(answer, ms)}; ${await retryWorks(server)}`;
    } finally {
      await api.plainHttp.forget(origin);
      if (previousKey) await api.keys.set(origin, previousKey);
      else await api.keys.clear(origin);
    }
  });

  reliabilityCase('server closes the connection mid-stream', async () => {
    routeServer(server, MODELS, [{ status: 200, headers: SSE_HEADERS, chunks: [sseData(chatChunk('Hello ')), sseData(chatChunk('wor'))], end: 'destroy' }]);
    const { answer, ms } = await ask('Say hello');
    assert.strictEqual(answer.status, 'partial');
    assert.strictEqual(answer.error?.kind, 'truncated');
    assert.ok(answer.error.actions.includes('retry'));
    assert.strictEqual(answer.text, 'Hello wor', 'the partial answer is kept');
    await assertHistoryConsistent(api);
    return `${summary(answer, ms)}; ${await retryWorks(server)}`;
  });

  reliabilityCase('server ends the stream without finish reason or [DONE]', async () => {
    routeServer(server, MODELS, [{ status: 200, headers: SSE_HEADERS, chunks: [sseData(chatChunk('Cut ')), sseData(chatChunk('short'))], end: 'normal' }]);
    const { answer, ms } = await ask('Talk');
    assert.strictEqual(answer.status, 'partial');
    assert.strictEqual(answer.error?.kind, 'truncated');
    assert.strictEqual(answer.text, 'Cut short');
    await assertHistoryConsistent(api);
    return `${summary(answer, ms)}; ${await retryWorks(server)}`;
  });

  reliabilityCase('stall after headers with only keep-alive comments (timeout 5 s)', async () => {
    await updateSettings({ requestTimeoutSeconds: 5 });
    routeServer(server, MODELS, [{ status: 200, headers: SSE_HEADERS, chunks: Array(30).fill(': keep-alive\n\n'), chunkDelayMs: 500, end: 'hang' }]);
    const { answer, ms } = await ask('Stall please');
    assertError(answer, 'timeout', ['retry', 'showLog']);
    assert.match(answer.error!.message, /5/, 'says how long it waited');
    assert.ok(ms >= 4_500, `the timeout is the configured one, not an early give-up (${ms} ms)`);
    await assertHistoryConsistent(api);
    return `${summary(answer, ms)}; ${await retryWorks(server)}`;
  });

  reliabilityCase('first byte slower than the timeout (5 s)', async () => {
    await updateSettings({ requestTimeoutSeconds: 5 });
    routeServer(server, MODELS, [{ ...streamed(['late']), headersDelayMs: 15_000 }]);
    const { answer, ms } = await ask('Slow one');
    assertError(answer, 'timeout', ['retry', 'showLog']);
    assert.strictEqual(answer.text, '');
    await assertHistoryConsistent(api);
    return `${summary(answer, ms)}; ${await retryWorks(server)}`;
  });

  reliabilityCase('storm of 429s with retry-after-ms, then success on Retry', async () => {
    const limited = jsonStatus(429, { message: 'Too Many Requests', statusCode: 429 }, { 'retry-after-ms': '150' });
    routeServer(server, MODELS, [limited, limited, limited]);
    const { answer, ms } = await ask('Busy?');
    assertError(answer, 'rate_limited', ['retry']);
    assert.strictEqual(chatRequests(server).length, 3, 'sent once and retried twice, honouring retry-after-ms');
    await assertHistoryConsistent(api);
    // Retry: one more 429, then the answer.
    routeServer(server, MODELS, [limited, streamed(['After ', 'the storm.'])]);
    await bounded(controllerOf(api).retry(), BOUND_MS, 'Retry');
    const retried = lastAnswer(api);
    assert.strictEqual(retried.status, 'done');
    assert.strictEqual(retried.text, 'After the storm.');
    assert.strictEqual(chatRequests(server).length, 5);
    await assertHistoryConsistent(api);
    return `${summary(answer, ms)} after 3 requests; Retry → 429 then done (5 requests)`;
  });

  reliabilityCase('5xx then success (retried inside one question)', async () => {
    routeServer(server, MODELS, [jsonStatus(503, { message: 'unavailable' }), jsonStatus(500, { message: 'internal' }), streamed(['Third ', 'time lucky.'])]);
    const { answer, ms } = await ask('Works eventually?');
    assert.strictEqual(answer.status, 'done');
    assert.strictEqual(answer.text, 'Third time lucky.');
    assert.strictEqual(answer.error, undefined);
    assert.strictEqual(chatRequests(server).length, 3);
    await assertHistoryConsistent(api);
    return `${summary(answer, ms)} after 503, 500; ${await retryWorks(server)}`;
  });

  reliabilityCase('HTML 502 page from a gateway', async () => {
    const page: ScriptedResponse = { status: 502, headers: { 'content-type': 'text/html' }, chunks: ['<html><head><title>502</title></head><body><h1>502 Bad Gateway</h1><script>x()</script></body></html>'] };
    routeServer(server, MODELS, [page, page, page]);
    const { answer, ms } = await ask('Through the gateway');
    assertError(answer, 'server', ['retry', 'showLog']);
    assert.ok(!/script|<h1>/i.test(answer.error!.message));
    await assertHistoryConsistent(api);
    return `${summary(answer, ms)}; ${await retryWorks(server)}`;
  });

  reliabilityCase('server killed mid-request', async () => {
    routeServer(server, MODELS, [streamed(['One ', 'two ', 'three ', 'four ', 'five ', 'six'], 300)]);
    const asking = controllerOf(api).ask('Count');
    await until(() => (api.chat.currentChat.messages.at(-1)?.text.length ?? 0) > 0, 'the first words');
    await server.close();
    const ms = await bounded(asking, BOUND_MS, 'the killed request');
    const answer = lastAnswer(api);
    assert.ok(answer.status === 'partial' || answer.status === 'error', answer.status);
    assert.ok(answer.error && ['truncated', 'network'].includes(answer.error.kind), JSON.stringify(answer.error));
    assert.ok(answer.error.actions.includes('retry'));
    assert.ok(answer.text.startsWith('One '), `partial text kept: "${answer.text}"`);
    await assertHistoryConsistent(api);
    const revived = await ScriptedServer.start();
    try {
      return `${summary(answer, ms)}; ${await retryWorks(revived)}`;
    } finally {
      await revived.close();
    }
  });

  reliabilityCase('Stop mid-stream', async () => {
    routeServer(server, MODELS, [streamed(['Alpha ', 'beta ', 'gamma ', 'delta ', 'epsilon ', 'zeta'], 300)]);
    const asking = controllerOf(api).ask('Greek letters');
    await until(() => (api.chat.currentChat.messages.at(-1)?.text.length ?? 0) > 0, 'the first words');
    api.chat.stop();
    const ms = await bounded(asking, BOUND_MS, 'the stopped request');
    const answer = lastAnswer(api);
    assert.strictEqual(answer.status, 'partial');
    assert.strictEqual(answer.error, undefined, 'a stop is not an error');
    assert.ok(answer.text.startsWith('Alpha ') && !answer.text.includes('zeta'), `kept "${answer.text}"`);
    assert.strictEqual(api.chat.busy, false);
    await assertHistoryConsistent(api);
    return `${summary(answer, ms)}; ${await retryWorks(server)}`;
  });

  reliabilityCase('two questions sent back to back', async () => {
    // Answer by question: the first may be dropped before it is sent when the second overtakes it.
    routeServer(server, MODELS, []);
    server.setFallback((req) => {
      if (req.method === 'GET') return modelsResponse(MODELS);
      const last = req.json?.messages?.at(-1)?.content ?? '';
      return String(last).includes('First question') ? streamed(['First ', 'answer ', 'is ', 'slow.'], 300) : streamed(['Second ', 'answer.']);
    });
    const controller = controllerOf(api);
    const first = controller.ask('First question');
    const second = controller.ask('Second question');
    const ms = await bounded(Promise.all([first, second]), BOUND_MS, 'two questions');
    const messages = api.chat.currentChat.messages;
    const answer = lastAnswer(api);
    assert.strictEqual(answer.status, 'done');
    assert.strictEqual(answer.text, 'Second answer.');
    assert.strictEqual(messages.at(-2)?.text, 'Second question', 'the later question is answered last');
    for (let i = 0; i < messages.length; i++) {
      assert.strictEqual(messages[i].role, i % 2 === 0 ? 'user' : 'assistant', 'questions and answers alternate');
      if (messages[i].role === 'assistant') assert.notStrictEqual(messages[i].status, 'streaming');
    }
    const firstKept = messages.some((m) => m.text === 'First question');
    if (firstKept) assert.strictEqual(messages[1].status, 'partial', 'the overtaken answer is kept as partial');
    assert.strictEqual(api.chat.busy, false);
    await assertHistoryConsistent(api);
    return `${messages.length} messages (${firstKept ? 'first answer kept as partial' : 'first question dropped before sending'}), last ${summary(answer, ms)}; ${await retryWorks(server)}`;
  });

  reliabilityCase('window reloaded mid-stream (a new store over the same folder)', async () => {
    const pieces = ['Saved ', 'while ', 'streaming ', 'and ', 'then ', 'finished ', 'in ', 'full.'];
    routeServer(server, MODELS, [streamed(pieces, 400)]);
    const controller = controllerOf(api);
    const asking = controller.ask('Survive a reload');
    const chatId = api.chat.currentChat.id;
    const folder = controller.store.folder;
    let midStream: ChatMessage | undefined;
    let lastSeen = 'nothing read';
    await until(() => api.chat.busy && (api.chat.currentChat.messages.at(-1)?.text.length ?? 0) > 0, 'the first words');
    // Read the folder as a reloaded window would, until the periodic save has written some answer text.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && api.chat.busy) {
      const reloaded = await new HistoryStore(folder).load(chatId);
      const answer = reloaded?.messages.at(-1);
      lastSeen = JSON.stringify(reloaded?.messages.map((m) => [m.role, m.status, m.text]) ?? null);
      if (answer?.role === 'assistant' && answer.text.length > 0) {
        midStream = answer;
        assert.strictEqual(reloaded?.messages.at(-2)?.text, 'Survive a reload', 'the question is on disk');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const ms = await bounded(asking, BOUND_MS, 'the streamed answer');
    assert.ok(midStream, `a reload during the stream finds the partial answer on disk (last read: ${lastSeen})`);
    assert.strictEqual(midStream.status, 'partial', 'an interrupted answer reloads as partial, never as streaming');
    assert.ok(pieces.join('').startsWith(midStream.text), `the reloaded text is a prefix of the answer: "${midStream.text}"`);
    assert.ok(midStream.text.length < pieces.join('').length, 'it was read mid-stream');
    const answer = lastAnswer(api);
    assert.strictEqual(answer.status, 'done');
    const final = await assertHistoryConsistent(api);
    assert.strictEqual(final.at(-1)?.text, pieces.join(''));
    return `reloaded mid-stream: partial "${midStream.text}"; after the stream ${summary(answer, ms)}; ${await retryWorks(server)}`;
  });
});
