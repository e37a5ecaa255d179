// One HTTP(S) request through the platform's fetch: the transport of a browser workbench's web worker extension host,
// where Node's http module does not exist (transport.ts picks it). Same contract as httpRequest.ts: resolves at the
// headers; the body is read chunk by chunk as it arrives (the fetch body's reader pumped into the listeners
// bodyReading.ts uses, so the same SSE decoder, watchdogs and limits apply); no redirect is followed
// (`redirect: 'manual'`, see redirects.ts); stopping aborts the request or closes the body. No cookies are sent
// (`credentials: 'omit'`): the API key is the only credential, and only for the base URL's origin.
import { corsRefusal } from './corsErrors';
import type { HttpRequestInit, HttpResponse, ResponseBody } from './httpTypes';

export function fetchRequest(url: string, init: HttpRequestInit): Promise<HttpResponse> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    return Promise.reject(error);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return Promise.reject(new Error(`Only http and https URLs are supported, not ${parsed.protocol}`));
  }
  const controller = new AbortController();
  let body: StreamBody | undefined;
  let stopped = false;
  init.stopper.onStop(() => {
    stopped = true;
    // Before the response the promise rejects (below); after it, readers see the body close, as with httpRequest.ts.
    if (body) body.destroy();
    else controller.abort();
  });
  if (stopped) return Promise.reject(abortError());
  return fetch(url, {
    method: init.method,
    headers: headersFor(parsed, init.headers),
    body: init.body,
    signal: controller.signal,
    redirect: 'manual',
    credentials: 'omit',
    // A conditional GET (the model list's If-None-Match) must reach the server, not be answered by the HTTP cache.
    cache: 'no-store',
  }).then(
    (response) => {
      body = new StreamBody(response.body, controller);
      if (stopped) body.destroy();
      return wrapResponse(response, body);
    },
    (error: unknown) => {
      throw stopped ? abortError() : failureOf(error, url);
    },
  );
}

/**
 * From a page, a request to another origin carries only headers every CORS-enabled server accepts. The browser first
 * asks the server about each header beyond the few any page may send (the preflight) and fails the whole request if
 * one is not on the server's list. Ollama's list is fixed (Authorization, Content-Type, User-Agent, Accept,
 * X-Requested-With and the OpenAI SDK's), so X-Client-Request-Id (a trace id for the AI/ML API's logs) or the model
 * list's If-None-Match would fail every request to it even with OLLAMA_ORIGINS set. User-Agent goes too: Chromium
 * ignores it, and where a browser sends it, it is one more header to be refused. Node (the unit suites) has no origin.
 */
const CROSS_ORIGIN_HEADERS: ReadonlySet<string> = new Set(['authorization', 'content-type', 'accept']);

function headersFor(url: URL, headers: Record<string, string>): Record<string, string> {
  const pageOrigin = (globalThis as { location?: { origin?: unknown } }).location?.origin;
  if (typeof pageOrigin !== 'string' || pageOrigin === url.origin) return headers;
  return Object.fromEntries(Object.entries(headers).filter(([name]) => CROSS_ORIGIN_HEADERS.has(name.toLowerCase())));
}

/**
 * Node's fetch (undici) says what failed in `cause` (ECONNREFUSED, ENOTFOUND, ...), which networkErrors.ts reads as it
 * reads Node's own client. A browser says nothing: a TypeError with no status is a server that refused the page's
 * origin (CORS) or one that could not be reached, and the browser does not tell which (corsErrors.ts).
 */
function failureOf(error: unknown, url: string): unknown {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (typeof cause === 'object' && cause !== null && typeof (cause as { code?: unknown }).code === 'string') return cause;
  if (error instanceof TypeError) return corsRefusal(url);
  return error;
}

function abortError(): Error {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
}

function wrapResponse(response: Response, body: ResponseBody): HttpResponse {
  // A browser hides a redirect behind an opaque response (status 0, no headers): report it as the redirect it is.
  const opaqueRedirect = response.type === 'opaqueredirect';
  const status = opaqueRedirect ? 302 : response.status;
  return {
    status,
    statusText: opaqueRedirect ? 'Redirect' : response.statusText,
    ok: status >= 200 && status < 300,
    headers: { get: (name) => response.headers.get(name) },
    body,
  };
}

type Listener = (...args: any[]) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
type BodyEvent = 'data' | 'end' | 'error' | 'close';

/**
 * A fetch body as the part of a Node readable stream bodyReading.ts uses: 'data' for each read (as a Buffer view, no
 * copy), then 'end', or 'error', or 'close' alone when it was cut off (destroyed). Reading starts with the first
 * 'data' listener, stops at pause().
 */
class StreamBody implements ResponseBody {
  private readonly listeners: Record<BodyEvent, Listener[]> = { data: [], end: [], error: [], close: [] };
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private paused = false;
  private finished = false;

  constructor(
    private readonly stream: ReadableStream<Uint8Array> | null,
    private readonly controller: AbortController,
  ) {}

  on(event: BodyEvent, listener: Listener): this {
    this.listeners[event].push(listener);
    if (event === 'data' && this.reader === undefined && !this.finished) void this.pump();
    return this;
  }

  removeListener(event: BodyEvent, listener: Listener): this {
    const list = this.listeners[event];
    const index = list.indexOf(listener);
    if (index !== -1) list.splice(index, 1);
    return this;
  }

  pause(): this {
    this.paused = true;
    return this;
  }

  /** Closes the connection; a reader still waiting sees 'close' without 'end', as with a destroyed Node stream. */
  destroy(): void {
    if (this.finished) return;
    this.finished = true;
    this.controller.abort();
    void this.reader?.cancel().catch(() => undefined);
    queueMicrotask(() => this.emit('close'));
  }

  private async pump(): Promise<void> {
    if (this.stream === null) {
      this.finish('end');
      return;
    }
    const reader = this.stream.getReader();
    this.reader = reader;
    try {
      while (!this.paused && !this.finished) {
        const { done, value } = await reader.read();
        if (this.finished) return;
        if (done) {
          this.finish('end');
          return;
        }
        if (value.byteLength > 0) this.emit('data', Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      }
    } catch (error) {
      // The connection broke mid-body (undici: "terminated", a browser: "network error"): what Node's client reports
      // as a premature close, so both transports give the same "closed unexpectedly" / truncated answer.
      if (!this.finished) this.finish('error', Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE', cause: error }));
    }
  }

  private finish(event: 'end' | 'error', error?: unknown): void {
    this.finished = true;
    this.emit(event, error);
    this.emit('close');
  }

  private emit(event: BodyEvent, arg?: unknown): void {
    for (const listener of [...this.listeners[event]]) listener(arg);
  }
}
