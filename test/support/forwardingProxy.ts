// A plain-HTTP forward proxy on 127.0.0.1 that sends every request to an upstream on this machine (a scripted model
// server): one fixed upstream, or one chosen per requested URL. The extension asks for a key before sending to a
// remote server and sends a server only its own key, so the suites give it remote-looking base URLs
// (http://api.ask-llama.test:PORT/v1) and VS Code's `http.proxy` setting routes those requests here, the way a
// corporate proxy would. Bodies stream through unbuffered, and a client that goes away (Stop) takes its upstream
// request with it.
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';

export interface Upstream {
  host: string;
  port: number;
}

export class ForwardingProxy {
  private readonly sockets = new Set<Socket>();
  /** Request URLs as the proxy received them (absolute, naming the host the client asked for). */
  readonly seen: string[] = [];

  private constructor(private readonly server: http.Server, readonly url: string) {}

  /** `route` names the upstream for each requested (absolute) URL, or is the one upstream for all of them. */
  static async start(route: Upstream | ((requested: URL) => Upstream)): Promise<ForwardingProxy> {
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
    const upstreamFor = typeof route === 'function' ? route : () => route;
    server.on('request', (req, res) => proxy.forward(req, res, upstreamFor(new URL(req.url ?? '/', 'http://placeholder'))));
    return proxy;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse, upstream: Upstream): void {
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
