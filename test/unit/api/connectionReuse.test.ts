// Node's client (src/api/httpRequest.ts) keeps the connection of a finished answer for the next request: the reader
// stops at [DONE], and the end of the body is read rather than the connection closed, so a follow-up, the next inline
// suggestion or a tool-call round skips a new TCP (and, to a remote API, TLS) handshake. A stopped answer, and a
// server that never ends its body, still lose their connection. Not in overFetch.test.ts: fetch pools on its own.
import * as assert from 'node:assert';
import * as http from 'node:http';
import { chat } from '../../../src/api';
import { chatChunk, sseAnswer, sseData } from '../../support/scriptedServer';
import { eventually, failChat, runChat, SSE_HEADERS, useScriptedServer } from './apiTestKit';

describe('api/httpRequest: connection reuse', () => {
  const server = useScriptedServer();

  it('sends the next request on the connection of a finished answer', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['First']) }, { headers: SSE_HEADERS, chunks: sseAnswer(['Second']) });
    assert.strictEqual((await runChat(server())).result.text, 'First');
    // The answer returns at [DONE]; the rest of the body is read just after, and then the connection is free.
    await eventually(() => Object.values(http.globalAgent.freeSockets).some((sockets) => (sockets?.length ?? 0) > 0), 'the connection back in the pool');
    assert.strictEqual((await runChat(server())).result.text, 'Second');
    const [first, second] = server().requests;
    assert.strictEqual(second.connection, first.connection, 'the second request opened a new connection');
  });

  it('opens a new connection after an answer the user stopped', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('Half'))], end: 'hang' }, { headers: SSE_HEADERS, chunks: sseAnswer(['Next']) });
    const controller = new AbortController();
    const { error } = await failChat(server(), {}, { signal: controller.signal, onDelta: () => controller.abort() });
    assert.strictEqual(error.kind, 'cancelled');
    await eventually(() => server().openRequestConnections === 0, 'the stopped request closed its connection');
    assert.strictEqual((await runChat(server())).result.text, 'Next');
    assert.notStrictEqual(server().requests[1].connection, server().requests[0].connection);
  });

  it('closes the connection of a server that never ends the body after [DONE]', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['Done, but open']), end: 'hang' });
    const result = await chat({ baseUrl: server().baseUrl, model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    assert.strictEqual(result.text, 'Done, but open', 'the answer does not wait for the body to end');
    await eventually(() => server().openRequestConnections === 0, 'the connection closed after the drain time', 3000);
  });
});
