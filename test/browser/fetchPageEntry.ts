// Runs in Chromium, not in Node: the request module's chat() as the web build ships it (fetchPage.ts bundles this file
// with the web build's platform modules, so chat() sends through fetch and reads the body with a stream reader),
// driven by the test through `window.askLlamaFetch`. Only plain data crosses to the test: deltas, the answer, the
// error's kind and message.
import { chat, isApiError } from '../../src/api';
import type { ChatRequest } from '../../src/api';

export interface PageChatOutcome {
  /** Every delta, in the order onDelta got them (empty when run without keeping them). */
  deltas: string[];
  deltaCount: number;
  chars: number;
  text?: string;
  finishReason?: string;
  error?: { name: string; kind?: string; message: string; retryable?: boolean };
  /** From the call to chat() to its settling, by the page's own clock. */
  ms: number;
}

export interface FetchPageApi {
  /** Starts chat() under `id`; `keepDeltas: false` only counts them (the throughput bench). */
  start(id: string, request: ChatRequest, keepDeltas?: boolean): void;
  deltaCount(id: string): number;
  /** What the Stop button does: aborts the signal given to chat(). */
  stop(id: string): void;
  outcome(id: string): Promise<PageChatOutcome>;
}

interface Running {
  controller: AbortController;
  outcome: PageChatOutcome;
  done: Promise<PageChatOutcome>;
}

const running = new Map<string, Running>();

function runningChat(id: string): Running {
  const entry = running.get(id);
  if (!entry) throw new Error(`no chat started as ${id}`);
  return entry;
}

const api: FetchPageApi = {
  start(id, request, keepDeltas = true) {
    const controller = new AbortController();
    const outcome: PageChatOutcome = { deltas: [], deltaCount: 0, chars: 0, ms: 0 };
    const started = performance.now();
    const onDelta = (text: string) => {
      outcome.deltaCount++;
      outcome.chars += text.length;
      if (keepDeltas) outcome.deltas.push(text);
    };
    const done = chat(request, { signal: controller.signal, onDelta }).then(
      (result) => {
        outcome.ms = performance.now() - started;
        outcome.text = result.text;
        outcome.finishReason = result.finishReason;
        return outcome;
      },
      (error: unknown) => {
        outcome.ms = performance.now() - started;
        outcome.error = isApiError(error)
          ? { name: error.name, kind: error.kind, message: error.message, retryable: error.retryable }
          : { name: (error as Error)?.name ?? 'unknown', message: String((error as Error)?.message ?? error) };
        return outcome;
      },
    );
    running.set(id, { controller, outcome, done });
  },
  deltaCount: (id) => runningChat(id).outcome.deltaCount,
  stop: (id) => runningChat(id).controller.abort(),
  async outcome(id) {
    const outcome = await runningChat(id).done;
    running.delete(id);
    return outcome;
  },
};

(globalThis as unknown as { askLlamaFetch: FetchPageApi }).askLlamaFetch = api;
