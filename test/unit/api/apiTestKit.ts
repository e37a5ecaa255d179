// Shared helpers for the request-module suites: a fresh scripted server per test and small wrappers around chat().
import * as assert from 'assert';
import { ApiError, chat, type ChatOptions, type ChatRequest, type ChatResult } from '../../../src/api';
import { ScriptedServer } from '../../support/scriptedServer';

export const SSE_HEADERS = { 'content-type': 'text/event-stream' };
export const JSON_HEADERS = { 'content-type': 'application/json' };
export const SECRET_KEY = 'sk-test-5e3f1c2b9a7d4e8f';

/** Starts a new server before each test and closes it after (also cutting any 'hang' connection). */
export function useScriptedServer(): () => ScriptedServer {
  let server: ScriptedServer | undefined;
  beforeEach(async () => {
    server = await ScriptedServer.start();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return () => {
    if (!server) throw new Error('server not started');
    return server;
  };
}

export function requestFor(server: ScriptedServer, overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    baseUrl: server.baseUrl,
    model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    messages: [{ role: 'user', content: 'Say hello' }],
    ...overrides,
  };
}

export interface ChatRun {
  result: ChatResult;
  deltas: string[];
}

export async function runChat(
  server: ScriptedServer,
  overrides: Partial<ChatRequest> = {},
  options: ChatOptions = {},
): Promise<ChatRun> {
  const deltas: string[] = [];
  const result = await chat(requestFor(server, overrides), {
    ...options,
    onDelta: (text) => {
      deltas.push(text);
      options.onDelta?.(text);
    },
  });
  return { result, deltas };
}

/** Runs chat() expecting it to fail; returns the ApiError and the deltas delivered before the failure. */
export async function failChat(
  server: ScriptedServer,
  overrides: Partial<ChatRequest> = {},
  options: ChatOptions = {},
): Promise<{ error: ApiError; deltas: string[] }> {
  const deltas: string[] = [];
  try {
    const result = await chat(requestFor(server, overrides), {
      ...options,
      onDelta: (text) => {
        deltas.push(text);
        options.onDelta?.(text);
      },
    });
    assert.fail(`expected chat() to fail, but it resolved with ${JSON.stringify(result)}`);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { error, deltas };
  }
}

/** Byte-exact pieces of a UTF-8 string, cut at the given byte offsets. */
export function splitBytes(text: string, ...offsets: number[]): Uint8Array[] {
  const bytes = Buffer.from(text, 'utf8');
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    pieces.push(bytes.subarray(start, offset));
    start = offset;
  }
  return pieces;
}

/** Polls until `check` is true (for effects with no event to await, like a socket closing). */
export async function eventually(check: () => boolean, what: string, limitMs = 2000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > limitMs) assert.fail(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every place a key could leak from an error: message, stack, string form, enumerable fields. */
export function assertNoSecret(error: unknown, secret = SECRET_KEY): void {
  const err = error as Error;
  const surfaces = [err.message, err.stack ?? '', String(err), JSON.stringify({ ...err })];
  for (const surface of surfaces) assert.ok(!surface.includes(secret), `secret leaked in: ${surface}`);
}
