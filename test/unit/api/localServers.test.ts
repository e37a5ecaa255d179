// Local server discovery against scripted servers on loopback ports: one that lists models (the shape Ollama and
// llama.cpp give, no type), one without /models (404), one that answers with an HTML page (code-server's 8080), one
// that accepts and never answers, and a closed port.
import * as assert from 'assert';
import * as net from 'net';
import { findLocalServers, type LocalServer } from '../../../src/api/localServers';
import { ScriptedServer } from '../../support/scriptedServer';

const portOf = (server: ScriptedServer) => Number(new URL(server.baseUrl).port);

describe('findLocalServers', () => {
  const servers: ScriptedServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function started(fallback: Parameters<ScriptedServer['setFallback']>[0]): Promise<ScriptedServer> {
    const server = await ScriptedServer.start();
    server.setFallback(fallback);
    servers.push(server);
    return server;
  }

  async function closedPort(): Promise<number> {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    return port;
  }

  it('lists only the servers that answer /v1/models with models, grouped with their names', async () => {
    const ollama = await started({
      status: 200,
      headers: { 'content-type': 'application/json' },
      chunks: [JSON.stringify({ object: 'list', data: [{ id: 'llama3.2:3b', object: 'model' }, { id: 'qwen2.5-coder:7b', object: 'model' }] })],
    });
    const noModels = await started({ status: 404, headers: { 'content-type': 'text/plain' }, chunks: ['Not Found'] });
    const codeServer = await started({ status: 200, headers: { 'content-type': 'text/html' }, chunks: ['<!doctype html><title>code-server</title>'] });
    const silent = await started({ headers: { 'content-type': 'application/json' }, chunks: [], end: 'hang' });
    const closed = await closedPort();

    const announced: LocalServer[] = [];
    const found = await findLocalServers(
      [
        { port: portOf(noModels), name: 'LM Studio' },
        { port: portOf(ollama), name: 'Ollama' },
        { port: portOf(codeServer), name: 'llama.cpp' },
        { port: portOf(silent), name: 'vLLM' },
        { port: closed, name: 'closed' },
      ],
      { timeoutMs: 1000, onFound: (server) => announced.push(server) },
    );

    assert.deepStrictEqual(found.map((s) => [s.name, s.baseUrl, s.models.map((m) => m.id)]), [
      ['Ollama', `http://127.0.0.1:${portOf(ollama)}/v1`, ['llama3.2:3b', 'qwen2.5-coder:7b']],
    ]);
    assert.deepStrictEqual(announced.map((s) => s.name), ['Ollama'], 'each server is announced as it answers');
    assert.ok(ollama.requests.every((r) => r.method === 'GET' && r.url === '/v1/models'), 'only GET /v1/models is asked');
    assert.ok(ollama.requests.every((r) => !r.headers.authorization), 'no key goes to a local probe');
    assert.strictEqual(noModels.requests.length, 1, 'a 404 is not retried');
  });

  it('stops probing when the picker closes', async () => {
    const silent = await started({ headers: { 'content-type': 'application/json' }, chunks: [], end: 'hang' });
    const closing = new AbortController();
    const probing = findLocalServers([{ port: portOf(silent), name: 'vLLM' }], { timeoutMs: 60_000, signal: closing.signal });
    await silent.waitForRequests(1);
    closing.abort();
    assert.deepStrictEqual(await probing, []);
  });
});
