// What a transport (transport.ts) hands back: Node's own client (httpRequest.ts) and fetch (fetchRequest.ts) answer
// in this one shape, so everything above them (the attempts, bodyReading.ts) is the same on every platform.

/**
 * A response body as its chunks arrive: the part of a Node readable stream that bodyReading.ts uses. Node's
 * IncomingMessage is one; fetchRequest.ts adapts a fetch body's reader to it.
 */
export interface ResponseBody {
  on(event: 'data' | 'end' | 'error' | 'close', listener: (...args: any[]) => void): unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
  removeListener(event: 'data' | 'end' | 'error' | 'close', listener: (...args: any[]) => void): unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Stops reading: the reader has what it needs; the attempt's stop then closes the connection. */
  pause(): unknown;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  ok: boolean;
  headers: { get(name: string): string | null };
  body: ResponseBody;
}

export interface HttpRequestInit {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /**
   * Stopping destroys the request: before the response, the promise rejects; after, the body closes (unless it was
   * read to its end, when there is nothing left to stop). A stop callback rather than an AbortSignal: a signal costs
   * a listener per request and a DOMException per abort, on every request's path (AttemptControl.onStop).
   */
  stopper: {
    onStop(stop: () => void): void;
    /** Why it stopped, once it has: 'finished' means the reader has the whole answer, not that anyone gave up on it. */
    readonly stopReason?: string;
  };
}

/** Resolves once the status line and headers are in; the body is then read from `body`. No redirect is followed. */
export type Transport = (url: string, init: HttpRequestInit) => Promise<HttpResponse>;
