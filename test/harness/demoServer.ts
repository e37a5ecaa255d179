// The `npm run try` demo server: a clearly labelled stand-in for the AI/ML API on 127.0.0.1, for machines with no
// key and no local model server. It streams canned Llama answers (Markdown with a code block, chosen by what the
// question asks: fix, tests, or explain) in the provider's real wire format: one `chat.completion.chunk` event per
// token, a finish chunk, then a usage chunk with `choices: []` and no [DONE], as the AI/ML API's captures end.
// GET /v1/models lists one model whose id and name carry "[demo]", so nobody mistakes it for a real answer.
import * as http from 'http';
import type { AddressInfo } from 'net';

export const DEMO_MODEL_ID = 'meta-llama/Llama-3.3-70B-Instruct-Turbo [demo]';
export const DEMO_MODEL_NAME = 'Llama 3.3 70B Instruct Turbo [demo]';

export interface DemoServerOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Pause between streamed tokens; the default is a human-visible reading pace. */
  tokenDelayMs?: number;
}

export interface DemoServer {
  /** e.g. http://127.0.0.1:41234/v1, the value for askLlama.baseUrl. */
  baseUrl: string;
  close(): Promise<void>;
}

const NOTE = '\n\n_This answer comes from the `npm run try` demo server, not from a model._';

const ANSWERS = {
  fix: [
    '**The bug:** the loop reads one element past the end of the array, because it runs while `i <= items.length`.',
    'Arrays are indexed from `0` to `length - 1`, so the last pass reads `undefined` and the sum becomes `NaN`.',
    '',
    '**The fix:** stop at `length`, or let `reduce` do the counting:',
    '',
    '```ts',
    'export function total(items: number[]): number {',
    '  return items.reduce((sum, item) => sum + item, 0);',
    '}',
    '```',
    '',
    'An empty array now gives `0` instead of throwing, and no index can go out of range.',
  ].join('\n'),
  tests: [
    'Here are unit tests that cover the usual case, the edge cases and bad input:',
    '',
    '```ts',
    "import * as assert from 'assert';",
    "import { total } from './total';",
    '',
    "describe('total', () => {",
    "  it('adds every item', () => assert.strictEqual(total([1, 2, 3]), 6));",
    "  it('is 0 for an empty list', () => assert.strictEqual(total([]), 0));",
    "  it('keeps negative numbers', () => assert.strictEqual(total([5, -2]), 3));",
    '});',
    '```',
    '',
    '- The first test pins down the normal behaviour.',
    '- The other two guard the boundaries, where off-by-one bugs usually hide.',
  ].join('\n'),
  explain: [
    'This code **computes a value step by step** and returns it to the caller.',
    '',
    '1. It takes its input and checks the simple cases first, so they return early.',
    '2. For everything else it builds the result in a loop, one element at a time.',
    '3. Finally it returns the result, without changing the input.',
    '',
    'A minimal version of the same idea:',
    '',
    '```ts',
    'function fibonacci(n: number): number {',
    '  let [previous, current] = [0, 1];',
    '  for (let i = 0; i < n; i++) [previous, current] = [current, previous + current];',
    '  return previous;',
    '}',
    '```',
    '',
    'It runs in linear time and constant memory, unlike the naive recursive version.',
  ].join('\n'),
};

/** The canned answer for a question: fix and tests by their words, everything else is explained. */
export function demoAnswer(question: string): string {
  const asked = question.toLowerCase();
  const kind = /\b(fix|bug|error|wrong|broken)/.test(asked) ? 'fix' : /\btests?\b|unit test/.test(asked) ? 'tests' : 'explain';
  return ANSWERS[kind] + NOTE;
}

/** Word-sized tokens (each with its leading whitespace), as a model streams them. */
export function demoTokens(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [text];
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const tokenDelayMs = options.tokenDelayMs ?? 35;
  const server = http.createServer((request, response) => {
    void handle(request, response, tokenDelayMs).catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function handle(request: http.IncomingMessage, response: http.ServerResponse, tokenDelayMs: number): Promise<void> {
  const url = (request.url ?? '').split('?')[0];
  if (request.method === 'GET' && url === '/v1/models') {
    return sendJson(response, 200, { object: 'list', data: [{ id: DEMO_MODEL_ID, aliases: [], type: 'chat-completion',
      info: { name: DEMO_MODEL_NAME, developer: 'Meta (demo)', contextLength: 128000 }, tags: ['demo'] }] });
  }
  if (request.method !== 'POST' || url !== '/v1/chat/completions') {
    return sendJson(response, 404, { error: { message: `The demo server has no ${request.method} ${url}`, type: 'not_found' } });
  }
  let body: { messages?: { role?: string; content?: unknown }[]; stream?: boolean };
  try {
    body = JSON.parse(await readBody(request)) as typeof body;
  } catch {
    return sendJson(response, 400, { error: { message: 'The request body is not JSON', type: 'invalid_request_error' } });
  }
  const question = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user')?.content;
  const answer = demoAnswer(typeof question === 'string' ? question : JSON.stringify(question ?? ''));
  const tokens = demoTokens(answer);
  const id = `chatcmpl-demo${Date.now().toString(16)}`;
  const created = Math.floor(Date.now() / 1000);
  const usage = { prompt_tokens: 120, completion_tokens: tokens.length, total_tokens: 120 + tokens.length };

  if (body.stream === false) {
    return sendJson(response, 200, { id, object: 'chat.completion', created, model: DEMO_MODEL_ID,
      choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }], usage });
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  let gone = false;
  response.on('close', () => (gone = true));
  const send = (payload: object) => response.write(`data: ${JSON.stringify(payload)}\n\n`);
  const chunk = (delta: Record<string, string>, finishReason: string | null) => ({ id, object: 'chat.completion.chunk',
    created, model: DEMO_MODEL_ID, system_fingerprint: null, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });

  send(chunk({ role: 'assistant', content: '' }, null));
  for (const content of tokens) {
    await new Promise((resolve) => setTimeout(resolve, tokenDelayMs));
    if (gone) return; // Stopped by the user.
    send(chunk({ content }, null));
  }
  send(chunk({}, 'stop'));
  send({ id, object: 'chat.completion.chunk', created, model: DEMO_MODEL_ID, choices: [], usage });
  response.end();
}

function sendJson(response: http.ServerResponse, status: number, payload: object): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(payload));
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (part: string) => (text += part));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}
