// One HTTP(S) request through Node's own client, its response body being the socket's stream itself. The chat stream
// goes through here rather than node-fetch: node-fetch pipes every body through a PassThrough, a second stream that
// every read of a fast stream crosses, which cost ~10% of chat()'s end-to-end throughput on a 10 MB answer (the
// bench's `chatThroughput` row) and time to the first delta. No redirects are followed (a POST cannot be replayed
// safely; a 3xx is reported like any other unexpected status) and no compression is asked for. Proxies work as with
// node-fetch: VS Code's proxy support patches the `http`/`https` modules both use.
import type * as Http from 'http';
import { urlToHttpOptions } from 'url';
import type { HttpRequestInit, HttpResponse } from './httpTypes';

export type { HttpRequestInit, HttpResponse } from './httpTypes';

type Client = Pick<typeof Http, 'request'>;

/** The last URL's request options: a chat sends every request to the same URL, and parsing it is not free. */
let lastTarget: { url: string; options: Http.RequestOptions; https: boolean } | undefined;

function targetOf(url: string): { options: Http.RequestOptions; https: boolean } {
  if (lastTarget?.url === url) return lastTarget;
  const parsed = new URL(url); // throws on a malformed URL
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`Only http and https URLs are supported, not ${parsed.protocol}`);
  }
  lastTarget = { url, options: urlToHttpOptions(parsed), https: parsed.protocol === 'https:' };
  return lastTarget;
}

/** Resolves once the status line and headers are in; the body is then read from `body`. */
export function httpRequest(url: string, init: HttpRequestInit): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let target: { options: Http.RequestOptions; https: boolean };
    try {
      target = targetOf(url);
    } catch (error) {
      reject(error);
      return;
    }
    // Loaded on the first request, like everything network-related, so activation does not pay for it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const client = require(target.https ? 'https' : 'http') as Client;
    const headers: Record<string, string | number> = { ...init.headers };
    if (init.body !== undefined) headers['Content-Length'] = Buffer.byteLength(init.body);
    let received: Http.IncomingMessage | undefined;
    const request = client.request({ ...target.options, method: init.method, headers }, (response) => {
      received = response;
      // An unheard 'error' would crash the extension host: readers see it through their own listeners.
      response.on('error', () => undefined);
      resolve(wrapResponse(response));
    });
    // Stays attached after the response: a late socket error must not go unheard either.
    request.on('error', reject);
    init.stopper.onStop(() => {
      // Before the response the promise must reject, so it gets an error; after it, readers see the body close
      // (bodyReading.ts) and the attempt knows why it stopped, so no error is built (a stack each time).
      if (received === undefined) request.destroy(abortError());
      else if (received.readableEnded) return;
      else if (init.stopper.stopReason === 'finished') drainForReuse(received);
      else received.destroy();
    });
    request.end(init.body);
  });
}

/** How long, and how many bytes, the end of a finished answer's body is waited for before its connection is closed. */
const DRAIN_MS = 1_000;
const DRAIN_BYTES = 64 * 1024;

/**
 * The answer is whole ([DONE] read) but the body has not ended: its end (a chunked stream's last bytes, a usage chunk)
 * is usually in the same packet. Reading it lets the connection go back to the agent's pool, so the next request
 * (a follow-up, the next inline suggestion, a tool-call round) skips a new TCP and TLS handshake; destroying the body
 * closed the connection every time. A server that keeps sending or never ends the body is cut off as before.
 */
function drainForReuse(response: Http.IncomingMessage): void {
  let left = DRAIN_BYTES;
  const timer = setTimeout(() => response.destroy(), DRAIN_MS);
  timer.unref();
  response.on('data', (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) response.destroy();
  });
  response.once('close', () => clearTimeout(timer));
  response.resume();
}

function abortError(): Error {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
}

function wrapResponse(response: Http.IncomingMessage): HttpResponse {
  const status = response.statusCode ?? 0;
  return {
    status,
    statusText: response.statusMessage ?? '',
    ok: status >= 200 && status < 300,
    headers: {
      get(name) {
        const value = response.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    body: response,
  };
}
