// A real HTTP server on 127.0.0.1 that tests script response by response: status, headers, the exact byte chunks of
// the body, delays, and how the connection ends. Unit, integration and e2e suites all use it, so the API is fixed.
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json?: any;
  /** Set when the client closed the connection before the response ended (a cancelled request). */
  aborted?: boolean;
  /** Which connection carried it, numbered in the order they were opened: a client that keeps its connection alive sends the next request on the same one. */
  connection: number;
}

export interface ScriptedResponse {
  /** Default 200. */
  status?: number;
  /** E.g. `{'content-type': 'text/event-stream'}`. Nothing is added for you. */
  headers?: Record<string, string>;
  /** Body pieces, each written as its own write (byte-exact splits). */
  chunks?: Array<string | Uint8Array>;
  /** Pause before each chunk (default 0; a socket flush happens between chunks either way). */
  chunkDelayMs?: number;
  /** Pause before sending the status line. */
  headersDelayMs?: number;
  /** After the chunks: end the response, destroy the socket, or keep it open until the client or close() ends it. */
  end?: 'normal' | 'destroy' | 'hang';
  /**
   * Holds the response open after the first `afterChunks` chunks until `until` resolves: a stream that is provably
   * still going while the test looks at what the client did with its start.
   */
  hold?: { afterChunks: number; until: Promise<void> };
}

export type Responder =
  | ScriptedResponse
  | ((req: RecordedRequest, index: number) => ScriptedResponse | Promise<ScriptedResponse>);

const DEFAULT_FALLBACK: ScriptedResponse = {
  status: 500,
  headers: { 'content-type': 'application/json' },
  chunks: [JSON.stringify({ message: 'No scripted response left for this request', statusCode: 500 })],
};

interface RequestWaiter {
  count: number;
  resolve: () => void;
}

export class ScriptedServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Responder[] = [];
  private fallback: Responder = DEFAULT_FALLBACK;
  private readonly sockets = new Set<Socket>();
  private readonly connectionNumbers = new WeakMap<Socket, number>();
  private connectionCount = 0;
  /** Open sockets that have carried a request (not idle ones a client pool opened ahead of need). */
  private readonly requestSockets = new Set<Socket>();
  private waiters: RequestWaiter[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<ScriptedServer> {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const scripted = new ScriptedServer(server, `http://127.0.0.1:${port}/v1`);
    server.on('connection', (socket) => scripted.trackSocket(socket));
    server.on('request', (req, res) => void scripted.handle(req, res));
    return scripted;
  }

  /** Queue responses for the next requests, in order; when the queue is empty, `fallback` answers (default 500 JSON). */
  enqueue(...responses: Responder[]): void {
    this.queue.push(...responses);
  }

  setFallback(responder: Responder): void {
    this.fallback = responder;
  }

  /** Connections currently open from clients (lets a test see that a client really closed its socket). */
  get openConnections(): number {
    return this.sockets.size;
  }

  /**
   * Open connections that carried a request. Unlike `openConnections` it ignores a connection a client opened ahead of
   * need: Node's fetch (undici) opens a new idle one as soon as an aborted request's connection closes.
   */
  get openRequestConnections(): number {
    return this.requestSockets.size;
  }

  /** Resolves when `n` requests have arrived in total. */
  waitForRequests(n: number, timeoutMs = 5000): Promise<void> {
    if (this.requests.length >= n) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: RequestWaiter = {
        count: n,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`Expected ${n} requests within ${timeoutMs} ms, saw ${this.requests.length}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Destroys open sockets too, so a 'hang' response never blocks the test. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private trackSocket(socket: Socket): void {
    this.sockets.add(socket);
    this.connectionNumbers.set(socket, ++this.connectionCount);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const socket = req.socket;
    if (!socket.destroyed && !this.requestSockets.has(socket)) {
      this.requestSockets.add(socket);
      socket.once('close', () => this.requestSockets.delete(socket));
    }
    const recorded = await recordRequest(req, this.connectionNumbers.get(req.socket) ?? 0);
    const index = this.requests.push(recorded) - 1;
    res.on('close', () => {
      if (!res.writableFinished) recorded.aborted = true;
    });
    this.notifyWaiters();
    const responder = this.queue.length > 0 ? this.queue.shift()! : this.fallback;
    try {
      const scripted = typeof responder === 'function' ? await responder(recorded, index) : responder;
      await writeScripted(res, scripted);
    } catch (error) {
      // A broken script must be loud in the test output, not a silent hang.
      if (!res.headersSent) {
        res.writeHead(599, { 'content-type': 'text/plain' });
        res.end(`scripted responder failed: ${String(error)}`);
      } else {
        res.destroy();
      }
    }
  }

  private notifyWaiters(): void {
    const ready = this.waiters.filter((w) => this.requests.length >= w.count);
    this.waiters = this.waiters.filter((w) => this.requests.length < w.count);
    for (const waiter of ready) waiter.resolve();
  }
}

async function recordRequest(req: http.IncomingMessage, connection: number): Promise<RecordedRequest> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const body = Buffer.concat(parts).toString('utf8');
  const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, connection };
  if (body.length > 0) {
    try {
      recorded.json = JSON.parse(body);
    } catch {
      // Not JSON: tests read `body` instead.
    }
  }
  return recorded;
}

async function writeScripted(res: http.ServerResponse, scripted: ScriptedResponse): Promise<void> {
  if (scripted.headersDelayMs) await delay(scripted.headersDelayMs);
  if (res.destroyed) return;
  res.writeHead(scripted.status ?? 200, scripted.headers ?? {});
  // Send the status line and headers now, so a client sees them even before the first chunk.
  res.flushHeaders();
  for (const [index, chunk] of (scripted.chunks ?? []).entries()) {
    if (scripted.hold && index === scripted.hold.afterChunks) await scripted.hold.until;
    await delay(scripted.chunkDelayMs ?? 0);
    if (res.destroyed) return;
    await writeChunk(res, chunk);
  }
  const end = scripted.end ?? 'normal';
  if (end === 'normal') res.end();
  else if (end === 'destroy') res.socket?.destroy();
}

/** Writes one chunk and waits until it has left the process, so the next chunk arrives as a separate read. */
function writeChunk(res: http.ServerResponse, chunk: string | Uint8Array): Promise<void> {
  const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
  return new Promise<void>((resolve) => {
    res.write(data, () => resolve());
  }).then(() => delay(1));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- helpers that produce byte-exact SSE ----

/** `'data: {json}\n\n'`. A string payload is sent as the data text itself (so `sseData('[DONE]')` works). */
export function sseData(payload: unknown): string {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return `data: ${text}\n\n`;
}

const TEST_CREATED = 1_700_000_000;

/** An OpenAI `chat.completion.chunk` object; `content: null` gives an empty delta. */
export function chatChunk(
  content: string | null,
  extra: { finishReason?: string; usage?: object; model?: string } = {},
): object {
  const chunk: Record<string, unknown> = {
    id: 'chatcmpl-scripted',
    object: 'chat.completion.chunk',
    created: TEST_CREATED,
    model: extra.model ?? 'scripted-model',
    choices: [
      {
        index: 0,
        delta: content === null ? {} : { content },
        finish_reason: extra.finishReason ?? null,
      },
    ],
  };
  if (extra.usage) chunk.usage = extra.usage;
  return chunk;
}

function defaultUsage(completionTokens: number): object {
  return { prompt_tokens: 10, completion_tokens: completionTokens, total_tokens: 10 + completionTokens };
}

/**
 * Chunks of a complete streamed answer: one content chunk per piece, a finish chunk, a usage chunk with
 * `choices: []`, then `data: [DONE]` unless `done === false`.
 */
export function sseAnswer(
  pieces: string[],
  opts: { finishReason?: string; usage?: object; done?: boolean } = {},
): string[] {
  const chunks = pieces.map((piece) => sseData(chatChunk(piece)));
  chunks.push(sseData(chatChunk(null, { finishReason: opts.finishReason ?? 'stop' })));
  chunks.push(
    sseData({
      id: 'chatcmpl-scripted',
      object: 'chat.completion.chunk',
      created: TEST_CREATED,
      model: 'scripted-model',
      choices: [],
      usage: opts.usage ?? defaultUsage(pieces.length),
    }),
  );
  if (opts.done !== false) chunks.push(sseData('[DONE]'));
  return chunks;
}

/** A non-streaming 200 `chat.completion` answer. */
export function jsonCompletion(text: string, opts: { finishReason?: string; usage?: object } = {}): ScriptedResponse {
  const body = {
    id: 'chatcmpl-scripted',
    object: 'chat.completion',
    created: TEST_CREATED,
    model: 'scripted-model',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: opts.finishReason ?? 'stop' }],
    usage: opts.usage ?? defaultUsage(Math.max(1, Math.ceil(text.length / 4))),
  };
  return { status: 200, headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify(body)] };
}
