// A bare node:http server on 127.0.0.1 for the request-module bench rows: every POST, once its body is in, gets a
// `text/event-stream` answer written by the row's own `writeBody`. No scripting layer, so the figures measure the
// client, not the server.
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { ChatRequest } from '../../src/api';

export interface LocalServer {
  port: number;
  close(): Promise<void>;
}

export function startLocalSseServer(writeBody: (response: http.ServerResponse) => void): Promise<LocalServer> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      writeBody(response);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

/** One user question to the local server, never retried (a retry would hide a failure in the figures). */
export function localChatRequest(port: number, model: string, question: string): ChatRequest {
  return { baseUrl: `http://127.0.0.1:${port}/v1`, model, messages: [{ role: 'user', content: question }], maxRetries: 0 };
}
