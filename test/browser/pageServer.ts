// Serves the real chat page on 127.0.0.1: the HTML shell the extension host renders (same builder, same CSP, the
// server's origin standing in for `webview.cspSource`) and the built bundle from dist/. Every request it receives is
// recorded, so a test can tell the page's own asset loads from anything a hostile answer managed to fetch.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { createNonce, renderChatHtml } from '../../src/host/chat/webviewHtml';

/** The compiled test lives in out/test/browser, so the repo root is three levels up. */
const repoRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * Where the page bundle comes from. ASK_LLAMA_BROWSER_BUNDLE points at another build (e.g. a deliberately broken
 * one, to prove the suite fails); by default the real dist/.
 */
export const bundleDir = process.env.ASK_LLAMA_BROWSER_BUNDLE ?? path.join(repoRoot, 'dist');

const ASSETS: Record<string, string> = {
  '/dist/webview.js': 'text/javascript; charset=utf-8',
  '/dist/webview.css': 'text/css; charset=utf-8',
};

export interface PageServerOptions {
  /** Serve the page without its CSP, to measure what the renderer alone lets through. */
  withoutCsp?: boolean;
}

export class PageServer {
  /** Paths requested, in order (the page's own assets included). */
  readonly requested: string[] = [];
  /** The CSP the last served page carried ('' when served without one). */
  lastCsp = '';
  /** The last HTML served, exactly as sent. */
  lastHtml = '';

  private constructor(
    private readonly server: http.Server,
    readonly origin: string,
    private readonly options: PageServerOptions,
  ) {}

  static async start(options: PageServerOptions = {}): Promise<PageServer> {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const pageServer = new PageServer(server, `http://127.0.0.1:${port}`, options);
    server.on('request', (req, res) => pageServer.answer(req, res));
    return pageServer;
  }

  get pageUrl(): string {
    return `${this.origin}/chat.html`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.origin);
    this.requested.push(url.pathname + url.search);
    if (url.pathname === '/chat.html') {
      const html = this.html();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    const type = ASSETS[url.pathname];
    if (type) {
      const file = path.join(bundleDir, path.basename(url.pathname));
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(fs.readFileSync(file));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }

  private html(): string {
    const nonce = createNonce();
    let html = renderChatHtml({
      cspSource: this.origin,
      nonce,
      scriptUri: `${this.origin}/dist/webview.js`,
      styleUri: `${this.origin}/dist/webview.css`,
    });
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">\n/.exec(html);
    this.lastCsp = meta ? meta[1] : '';
    if (this.options.withoutCsp) {
      html = html.replace(meta?.[0] ?? '', '');
      this.lastCsp = '';
    }
    this.lastHtml = html;
    return html;
  }
}
