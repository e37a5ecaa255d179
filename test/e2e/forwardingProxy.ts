// A plain-HTTP forward proxy on 127.0.0.1 that sends every request to one upstream (the scripted model server).
// The extension sends the API key only to remote servers (a loopback base URL needs none), so the e2e suite gives
// it a remote-looking base URL (http://api.ask-llama.test:PORT/v1) and VS Code's `http.proxy` setting routes those
// requests here, the way a corporate proxy would. Bodies stream through unbuffered, and a client that goes away
// (Stop) takes its upstream request with it.
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';

export class ForwardingProxy {
  private readonly sockets = new Set<Socket>();
  /** Request URLs as the proxy received them (absolute, naming the host the client asked for). */
  readonly seen: string[] = [];

  private constructor(private readonly server: http.Server, readonly url: string) {}

  static async start(upstream: { host: string; port: number }): Promise<ForwardingProxy> {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const proxy = new ForwardingProxy(server, `http://127.0.0.1:${port}`);
    server.on('connection', (socket) => {
      proxy.sockets.add(socket);
      socket.on('close', () => proxy.sockets.delete(socket));
    });
    server.on('request', (req, res) => proxy.forward(req, res, upstream));
    return proxy;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse, upstream: { host: string; port: number }): void {
    this.seen.push(req.url ?? '');
    // A proxied request names the full URL; only its path goes upstream.
    const target = new URL(req.url ?? '/', 'http://placeholder');
    const outgoing = http.request(
      { host: upstream.host, port: upstream.port, method: req.method, path: target.pathname + target.search, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    outgoing.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy();
    });
    req.pipe(outgoing);
  }
}
