// A loopback SSE server in a worker thread, for the fetch-versus-Node row (fetchThroughput.ts): every POST gets the
// same recorded reads, written as they come; a CORS preflight from the page's origin is allowed (and may be cached by
// the browser). In its own thread so that neither client shares its event loop with the server: the Node client
// would, in-process, and Chromium cannot.
import * as http from 'http';
import type { AddressInfo } from 'net';
import { parentPort, workerData } from 'worker_threads';

export interface CorsSseWorkerData {
  /** The reads of the body, in order. */
  reads: Uint8Array[];
  /** The page origin allowed to read the answers. */
  allowOrigin: string;
}

const { reads, allowOrigin } = workerData as CorsSseWorkerData;
const allow = { 'access-control-allow-origin': allowOrigin, vary: 'Origin' };

const server = http.createServer((request, response) => {
  if (request.method === 'OPTIONS') {
    response.writeHead(204, {
      ...allow,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': String(request.headers['access-control-request-headers'] ?? ''),
      // What a real server does (Ollama's allows 12 h): the browser preflights once, not before every question.
      'access-control-max-age': '600',
    });
    response.end();
    return;
  }
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { ...allow, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const read of reads) response.write(read);
    response.end();
  });
});

server.listen(0, '127.0.0.1', () => parentPort?.postMessage((server.address() as AddressInfo).port));
parentPort?.on('message', (message) => {
  if (message === 'close') {
    server.closeAllConnections();
    server.close(() => parentPort?.close());
  }
});
