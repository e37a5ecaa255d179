// Shared by the reliability suites in the real extension host: the running controller behind the test API, a watch
// on unhandled rejections, a history check that reloads the store from disk, and a bounded ask.
import * as assert from 'assert';
import type { ChatMessage } from '../../../src/common/chatTypes';
import type { ChatController } from '../../../src/host/chat/chatController';
import { HistoryStore } from '../../../src/host/chat/historyStore';
import type { AskLlamaApi } from '../../../src/host/testApi';
import { sseAnswer, type ScriptedResponse } from '../../support/scriptedServer';
import { SSE_HEADERS } from '../host/hostTestKit';

export const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';

/** activate() returns the real ChatController as `chat`; the suites need its retry() and store too. */
export function controllerOf(api: AskLlamaApi): ChatController {
  return api.chat as unknown as ChatController;
}

export function lastAnswer(api: AskLlamaApi): ChatMessage {
  const answer = api.chat.currentChat.messages.at(-1);
  assert.ok(answer, 'the chat has messages');
  assert.strictEqual(answer.role, 'assistant', 'the chat ends with an answer');
  return answer;
}

export function streamed(pieces: string[], delayMs = 0): ScriptedResponse {
  return { status: 200, headers: SSE_HEADERS, chunks: sseAnswer(pieces), chunkDelayMs: delayMs };
}

export function jsonStatus(status: number, body: object, headers: Record<string, string> = {}): ScriptedResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, chunks: [JSON.stringify(body)] };
}

export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs `work` and fails (instead of hanging the suite) when it takes longer than `boundMs`. Returns the time taken. */
export async function bounded(work: Promise<unknown>, boundMs: number, what: string): Promise<number> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${boundMs} ms (hang)`)), boundMs);
  });
  try {
    await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
  return Date.now() - started;
}

/**
 * Unhandled promise rejections while the suite runs. "Ours" are those whose stack points into this extension's code
 * (the dist bundle or the compiled sources) or that are request errors; the host's own are reported, not failed.
 */
export class RejectionWatch {
  readonly all: unknown[] = [];
  private readonly listener = (reason: unknown) => this.all.push(reason);

  constructor() {
    process.on('unhandledRejection', this.listener);
  }

  ours(): string[] {
    return this.all.filter(isOurs).map(describeReason);
  }

  others(): string[] {
    return this.all.filter((r) => !isOurs(r)).map(describeReason);
  }

  dispose(): void {
    process.off('unhandledRejection', this.listener);
  }
}

function describeReason(reason: unknown): string {
  return reason instanceof Error ? `${reason.name}: ${reason.message}\n${reason.stack ?? ''}` : String(reason);
}

function isOurs(reason: unknown): boolean {
  if (!(reason instanceof Error)) return /ask-?llama/i.test(String(reason));
  const stack = reason.stack ?? '';
  return reason.name === 'ApiError' || 'kind' in reason || /[\\/]dist[\\/]extension\.js|[\\/]out[\\/](src|test)[\\/]/.test(stack);
}

/** The essentials of a stored message, for comparing the open chat with what a reloaded store reads from disk. */
function essentials(message: ChatMessage) {
  return { id: message.id, role: message.role, text: message.text, status: message.status, errorKind: message.error?.kind, actions: message.error?.actions };
}

/**
 * Flushes the running store, then reads the open chat back through a brand-new store over the same folder (what a
 * reloaded window does) and checks it is the chat the user sees. Returns the reloaded chat's messages.
 */
export async function assertHistoryConsistent(api: AskLlamaApi): Promise<ChatMessage[]> {
  const controller = controllerOf(api);
  await controller.store.flush();
  const reloaded = await new HistoryStore(controller.store.folder).load(api.chat.currentChat.id);
  assert.ok(reloaded, 'the open chat is on disk');
  assert.deepStrictEqual(reloaded.messages.map(essentials), api.chat.currentChat.messages.map(essentials), 'stored chat = shown chat');
  for (const message of reloaded.messages) assert.notStrictEqual(message.status, 'streaming', 'nothing is left streaming on disk');
  return reloaded.messages;
}
