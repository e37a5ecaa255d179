// One HTTP(S) request through Node's own client, its response body being the socket's stream itself. The chat stream
// goes through here rather than node-fetch: node-fetch pipes every body through a PassThrough, a second stream that
// every read of a fast stream crosses, which cost ~10% of chat()'s end-to-end throughput on a 10 MB answer (the
// bench's `chatThroughput` row) and time to the first delta. No redirects are followed (a POST cannot be replayed
// safely; a 3xx is reported like any other unexpected status) and no compression is asked for. Proxies work as with
// node-fetch: VS Code's proxy support patches the `http`/`https` modules both use.
import type * as Http from 'http';

export interface HttpResponse {
  status: number;
  statusText: string;
  ok: boolean;
  headers: { get(name: string): string | null };
  body: NodeJS.ReadableStream;
}

export interface HttpRequestInit {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Aborting destroys the request: before the response, the promise rejects; after, the body errors. */
  signal: AbortSignal;
}

type Client = Pick<typeof Http, 'request'>;

/** Resolves once the status line and headers are in; the body is then read from `body`. */
export function httpRequest(url: string, init: HttpRequestInit): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch (error) {
      reject(error);
      return;
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      reject(new Error(`Only http and https URLs are supported, not ${target.protocol}`));
      return;
    }
    // Loaded on the first request, like everything network-related, so activation does not pay for it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const client = require(target.protocol === 'https:' ? 'https' : 'http') as Client;
    const headers: Record<string, string | number> = { ...init.headers };
    if (init.body !== undefined) headers['Content-Length'] = Buffer.byteLength(init.body);
    const request = client.request(target, { method: init.method, headers, signal: init.signal }, (response) => {
      // An unheard 'error' would crash the extension host: readers see it through their own listeners.
      response.on('error', () => undefined);
      resolve(wrapResponse(response));
    });
    // Stays attached after the response: a late socket error must not go unheard either.
    request.on('error', reject);
    request.end(init.body);
  });
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
