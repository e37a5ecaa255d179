// The web build's stand-in for lazyFetch.ts (node-fetch does not run without Node): the model list is fetched through
// the platform's transport, fetch in a browser (fetchRequest.ts), with the same contract models.ts relies on from
// node-fetch: `redirect: 'manual'` (no redirect is ever followed), the signal stops the request, and the body is read
// chunk by chunk by bodyReading.ts. Chosen by the web platform modules (scripts/webPlatform.js), like
// platformTransport.web.ts.
import type { HttpResponse } from './httpTypes';
import { sendRequest } from './transport';

export interface ListRequestInit {
  headers: Record<string, string>;
  signal?: AbortSignal;
  redirect?: 'manual';
}

export function fetch(url: string, init: ListRequestInit): Promise<HttpResponse> {
  const { signal } = init;
  return sendRequest(url, {
    method: 'GET',
    headers: init.headers,
    stopper: {
      onStop(stop) {
        if (signal?.aborted) stop();
        else signal?.addEventListener('abort', stop, { once: true });
      },
    },
  });
}
