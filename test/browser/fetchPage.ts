// The request module in real Chromium, as the web build runs it: fetchPageEntry.ts bundled by esbuild with the web
// build's own platform modules (scripts/webPlatform.js: fetch instead of Node's http, the Buffer and process stand-ins),
// served from a loopback page server, so every model server on another port is a cross-origin server to the page
// exactly as a local model server is to vscode.dev. Used by fetchTransport.test.ts and the bench's fetch row.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { Page } from 'playwright-core';
import type { ChatRequest } from '../../src/api';
import { type Browser, launchBrowser } from '../harness/browser';
import type { FetchPageApi, PageChatOutcome } from './fetchPageEntry';

/** The compiled file lives in out/test/browser; the sources it bundles are read from the repository itself. */
const repoRoot = path.resolve(__dirname, '..', '..', '..');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { webPlatform, webGlobals } = require(path.join(repoRoot, 'scripts', 'webPlatform.js')) as {
  webPlatform: esbuild.Plugin;
  webGlobals: string;
};

/** The page script: the request module with the web build's swaps, minified like dist/web/extension.js. */
export async function bundleFetchPage(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(repoRoot, 'test', 'browser', 'fetchPageEntry.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    inject: [webGlobals],
    plugins: [webPlatform],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

export class FetchPage {
  private constructor(
    private readonly browser: Browser,
    private readonly server: http.Server,
    /** The page's origin: what a model server has to allow (Access-Control-Allow-Origin). */
    readonly origin: string,
    readonly errors: string[],
    /** Chromium's version, from its user agent (the bench row names it). */
    readonly browserVersion: string,
  ) {}

  static async open(): Promise<FetchPage> {
    const script = await bundleFetchPage();
    const server = http.createServer((request, response) => {
      const html = '<!doctype html><html><head><meta charset="utf-8"><title>fetch transport</title>' +
        '<script src="/page.js"></script></head><body></body></html>';
      const [type, body] = request.url === '/page.js' ? ['text/javascript; charset=utf-8', script] : ['text/html; charset=utf-8', html];
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await launchBrowser();
    const errors: string[] = [];
    browser.page.on('pageerror', (error) => errors.push(error.message));
    await browser.page.goto(`${origin}/`);
    await browser.page.waitForFunction(() => 'askLlamaFetch' in globalThis);
    const userAgent = await browser.page.evaluate(() => navigator.userAgent);
    return new FetchPage(browser, server, origin, errors, /Chrome\/([\d.]+)/.exec(userAgent)?.[1] ?? userAgent);
  }

  get page(): Page {
    return this.browser.page;
  }

  start(id: string, request: ChatRequest, keepDeltas = true): Promise<void> {
    return this.page.evaluate(
      ({ id, request, keepDeltas }) => (globalThis as unknown as PageGlobal).askLlamaFetch.start(id, request, keepDeltas),
      { id, request, keepDeltas },
    );
  }

  /** Resolves once the page's chat() has delivered at least `count` deltas. */
  async waitForDeltas(id: string, count: number, timeoutMs = 10_000): Promise<void> {
    await this.page.waitForFunction(
      ({ id, count }) => (globalThis as unknown as PageGlobal).askLlamaFetch.deltaCount(id) >= count,
      { id, count },
      { timeout: timeoutMs },
    );
  }

  stop(id: string): Promise<void> {
    return this.page.evaluate((id) => (globalThis as unknown as PageGlobal).askLlamaFetch.stop(id), id);
  }

  outcome(id: string): Promise<PageChatOutcome> {
    return this.page.evaluate((id) => (globalThis as unknown as PageGlobal).askLlamaFetch.outcome(id), id);
  }

  /** One whole chat() in the page; `ms` is the page's own timing of it. */
  async chat(request: ChatRequest, keepDeltas = true): Promise<PageChatOutcome> {
    const id = `chat-${Math.random().toString(36).slice(2)}`;
    await this.start(id, request, keepDeltas);
    return this.outcome(id);
  }

  async close(): Promise<void> {
    await this.browser.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** What fetchPageEntry.ts puts on the page's global (spelt out in each callback: Playwright serialises them alone). */
type PageGlobal = { askLlamaFetch: FetchPageApi };
