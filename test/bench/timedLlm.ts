// The model server of the workbench benches: a local OpenAI-compatible server that timestamps what it does (request
// fully received, first byte written, last byte written) on the machine's clock, so the bench can set the time a
// user sees something against the server's own time to first byte. `GET /v1/models` lists the one model; each
// `POST /v1/chat/completions` takes the next scripted answer, or, with none queued, the responder's answer to its body
// (the inline-suggestion bench answers every keystroke's request from what it was sent).
import * as http from 'http';
import type { AddressInfo } from 'net';

export const benchModelId = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';

/** Milliseconds since the epoch with sub-millisecond precision: comparable with the browser's timeOrigin + now(). */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

export interface ServedAnswer {
  /** When the request body had arrived. */
  requestAt: number;
  /** When the headers and the first token were handed to the socket. */
  firstByteAt: number;
  /** When the last byte was handed to the socket (undefined until then). */
  endAt?: number;
  tokens: number;
}

/** What the server sends for one question. */
export type AnswerScript =
  /** The first token with the headers at once, then the rest of `tokens` once `release` resolves. */
  | { kind: 'hold'; tokens: string[]; release: Promise<void> }
  /** `total` tokens at `perSecond`, each its own SSE event, written as they fall due (as a fast local server does). */
  | { kind: 'rate'; token: (index: number) => string; total: number; perSecond: number };

const event = (payload: object): string => `data: ${JSON.stringify(payload)}\n\n`;
const chunk = (content: string | null, finishReason: string | null = null): string =>
  event({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1764400000, model: benchModelId,
    choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finishReason }] });
const closing = (tokens: number): string => chunk(null, 'stop') +
  event({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1764400000, model: benchModelId, choices: [],
    usage: { prompt_tokens: 50, completion_tokens: tokens, total_tokens: 50 + tokens } }) + 'data: [DONE]\n\n';

export class TimedLlm {
  readonly answers: ServedAnswer[] = [];
  /** `POST …/chat/completions` requests that reached the server, answered or not (a cancelled one counts). */
  completionRequests = 0;
  private responder: ((body: string) => AnswerScript) | undefined;
  private readonly scripts: AnswerScript[] = [];
  private readonly waiting: Array<(answer: ServedAnswer) => void> = [];

  private constructor(private readonly server: http.Server, readonly baseUrl: string) {}

  static async start(): Promise<TimedLlm> {
    let llm: TimedLlm | undefined;
    const server = http.createServer((request, response) => void llm?.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    llm = new TimedLlm(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
    return llm;
  }

  answerNext(script: AnswerScript): void {
    this.scripts.push(script);
  }

  /** Answers every completion request no script was queued for, from its body; undefined: 404 again. */
  respondWith(responder: ((body: string) => AnswerScript) | undefined): void {
    this.responder = responder;
  }

  /** Resolves with the next answer the server starts (its first byte already written). */
  nextAnswerStarted(): Promise<ServedAnswer> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const isCompletion = request.method === 'POST' && path.endsWith('/chat/completions');
    if (isCompletion) this.completionRequests++;
    const parts: Buffer[] = [];
    try {
      for await (const part of request) parts.push(part as Buffer);
    } catch {
      return; // cancelled while its body was arriving (the inline bench's keystrokes do that)
    }
    const requestAt = epochMs();
    if (request.method === 'GET' && path.endsWith('/models')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ object: 'list', data: [{ id: benchModelId, type: 'openai/chat-completions',
        info: { name: 'Llama 3.3 70B Instruct Turbo', developer: 'Meta', contextLength: 128000 } }] }));
      return;
    }
    const script = this.scripts.shift() ?? (isCompletion ? this.responder?.(Buffer.concat(parts).toString('utf8')) : undefined);
    if (!isCompletion || !script) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":{"message":"no scripted answer"}}');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const first = script.kind === 'hold' ? script.tokens[0] : script.token(0);
    response.write(chunk(first));
    const served: ServedAnswer = { requestAt, firstByteAt: epochMs(), tokens: 1 };
    this.answers.push(served);
    this.waiting.shift()?.(served);
    if (script.kind === 'hold') {
      await script.release;
      served.tokens = script.tokens.length;
      response.end(script.tokens.slice(1).map((token) => chunk(token)).join('') + closing(served.tokens));
    } else {
      await writeAtRate(response, script, served);
    }
    served.endAt = epochMs();
  }
}

/** Writes every token that has fallen due, then waits a millisecond, until all are out: a steady `perSecond`. */
async function writeAtRate(response: http.ServerResponse, script: Extract<AnswerScript, { kind: 'rate' }>, served: ServedAnswer): Promise<void> {
  const start = epochMs();
  let sent = 1;
  while (sent < script.total && !response.destroyed) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const due = Math.min(script.total, Math.floor(((epochMs() - start) / 1000) * script.perSecond) + 1);
    let text = '';
    for (; sent < due; sent++) text += chunk(script.token(sent));
    if (text) response.write(text);
    served.tokens = sent;
  }
  response.end(closing(sent));
}
