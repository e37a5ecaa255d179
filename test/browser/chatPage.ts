// The real chat page in headless Chromium, with the browser itself as the witness: a stub `acquireVsCodeApi` that
// records what the page posts, a trap any executed payload calls, CSP violation reports, every network request, and
// a check of the whole DOM for event-handler attributes. Nothing leaves the machine: hosts resolve nowhere and every
// request to another origin is aborted (after being counted).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { ChatMessage, HostMessage, PageMessage } from '../../src/common/protocol';
import { ensureChromium } from '../harness/systemPackages';
import { LONG_TASK_OBSERVER } from './mainThreadTasks';
import { PageServer, type PageServerOptions } from './pageServer';

const CHROMIUM = process.env.ASK_LLAMA_CHROMIUM ?? '/usr/bin/chromium';

/** Runs in every frame before any page script: the VS Code API stub, the trap, and the CSP listener. */
const INIT_SCRIPT = `(() => {
  const trap = (how) => { try { window.top.__askLlamaTrap(String(how)); } catch (e) { window.__askLlamaTrap && window.__askLlamaTrap(String(how)); } };
  window.pwn = (how) => trap(how || 'pwn');
  for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = () => trap(name);
  window.__askLlamaViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__askLlamaViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  });
  if (window === window.top) {
    window.__askLlamaPosted = [];
    window.__askLlamaSavedState = undefined;
    window.acquireVsCodeApi = () => ({
      postMessage: (message) => window.__askLlamaPosted.push(JSON.parse(JSON.stringify(message))),
      getState: () => window.__askLlamaSavedState,
      setState: (state) => { window.__askLlamaSavedState = JSON.parse(JSON.stringify(state)); },
    });
  }
})();`;

export interface PageFigures {
  /** Payload code that ran (the trap was called, from any frame). */
  executions: string[];
  cspViolations: Array<{ directive: string; blocked: string; sample: string }>;
  /**
   * Requests to any origin other than the page's own that the page attempted. Chromium reports a request the CSP
   * blocks too, so this counts attempts, not only traffic.
   */
  foreignRequests: string[];
  /** Of those, the ones that got past the browser's own checks (CSP) to the network layer, where the test aborts them. */
  foreignNetworkRequests: string[];
  /** Same-origin requests other than the page and its two assets. */
  unexpectedOwnRequests: string[];
  /** Elements anywhere in the document (any namespace) carrying an `on*` attribute. */
  onAttributeElements: string[];
  /** Elements an answer must never produce inside the conversation. */
  dangerousElements: string[];
  /** Links in the conversation whose href is not an absolute http(s) URL. */
  unsafeLinks: string[];
}

/** Deltas handed to the page per evaluate call before a stream (see ChatPage.stream()). */
const STAGED_BATCH = 500;

export class ChatPage {
  readonly executions: string[] = [];
  readonly foreignRequests: string[] = [];
  readonly foreignNetworkRequests: string[] = [];
  private pageErrors: string[] = [];

  private constructor(
    private readonly context: BrowserContext,
    readonly page: Page,
    readonly server: PageServer,
    private readonly profile: string,
  ) {}

  static async open(options: PageServerOptions = {}): Promise<ChatPage> {
    ensureChromium(CHROMIUM);
    const server = await PageServer.start(options);
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ask-llama-browser-'));
    const context = await chromium.launchPersistentContext(path.join(profile, 'user-data'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync',
        // Belt and braces: every host name fails to resolve except the page's own 127.0.0.1.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
      env: { ...process.env, XDG_CONFIG_HOME: path.join(profile, 'xdg-config'), XDG_CACHE_HOME: path.join(profile, 'xdg-cache') },
      viewport: { width: 900, height: 800 },
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const chatPage = new ChatPage(context, page, server, profile);
    await context.exposeBinding('__askLlamaTrap', (_source, how: string) => {
      chatPage.executions.push(how);
    });
    await context.addInitScript(INIT_SCRIPT);
    await context.addInitScript(LONG_TASK_OBSERVER);
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${server.origin}/`)) chatPage.foreignRequests.push(url);
    });
    // Count first (above), then make sure it goes nowhere.
    await context.route(
      (url) => url.origin !== server.origin,
      (route) => {
        chatPage.foreignNetworkRequests.push(route.request().url());
        return route.abort('blockedbyclient');
      },
    );
    page.on('pageerror', (error) => chatPage.pageErrors.push(error.message));
    await page.goto(server.pageUrl);
    await page.waitForSelector('#messages');
    await page.waitForFunction(() => (window as any).__askLlamaPosted.some((m: PageMessage) => m.type === 'ready'));
    return chatPage;
  }

  async close(): Promise<void> {
    await this.context.close();
    await this.server.close();
    fs.rmSync(this.profile, { recursive: true, force: true });
  }

  /** Uncaught errors in the page so far (a crash in the renderer shows up here). */
  get errors(): readonly string[] {
    return this.pageErrors;
  }

/** Delivers host messages the way the webview host does: window `message` events, in order. */
  async post(messages: HostMessage[]): Promise<void> {
    await this.page.evaluate((list) => {
      for (const message of list) window.postMessage(message, '*');
    }, messages);
  }

  /**
   * Streams an answer: `delta` messages in order, in `groups` bursts with a frame between bursts (so the page paints
   * intermediate states, as it does live), then the final `messageUpdated`.
   */
  async stream(chatId: string, answer: ChatMessage, pieces: string[], groups: number): Promise<void> {
    // The pieces go to the page in small batches first: handing all of a 200 KB answer's deltas to one evaluate call
    // makes the browser decode them in one task (57 ms of CPU for 40,000 deltas), a cost of the test's own driver
    // that the main-thread watch would charge to the page.
    await this.page.evaluate(() => ((window as unknown as { staged: string[] }).staged = []));
    for (let i = 0; i < pieces.length; i += STAGED_BATCH) {
      await this.page.evaluate((batch) => (window as unknown as { staged: string[] }).staged.push(...batch), pieces.slice(i, i + STAGED_BATCH));
    }
    await this.page.evaluate(
      async ({ chatId, answer, groups }) => {
        const pieces = (window as unknown as { staged: string[] }).staged;
        const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
        const perGroup = Math.max(1, Math.ceil(pieces.length / groups));
        for (let i = 0; i < pieces.length; i += perGroup) {
          for (const text of pieces.slice(i, i + perGroup)) window.postMessage({ type: 'delta', chatId, messageId: answer.id, text }, '*');
          // Let the message tasks run, then a paint.
          await new Promise((resolve) => setTimeout(resolve, 0));
          await frame();
        }
        const final = { ...answer, text: pieces.join(''), status: 'done' };
        window.postMessage({ type: 'messageUpdated', chatId, message: final }, '*');
        await new Promise((resolve) => setTimeout(resolve, 0));
        await frame();
        await frame();
      },
      { chatId, answer, groups },
    );
  }

  /** What the page posted to the host so far; `clear` empties the record. */
  async posted(clear = false): Promise<PageMessage[]> {
    return this.page.evaluate((clearIt) => {
      const w = window as any;
      const list = w.__askLlamaPosted.slice();
      if (clearIt) w.__askLlamaPosted.length = 0;
      return list;
    }, clear);
  }

  /** Measures the whole document and the requests seen so far. */
  async figures(): Promise<PageFigures> {
    const inPage = await this.page.evaluate(() => {
      const describe = (el: Element) => `<${el.tagName.toLowerCase()} ${[...el.attributes].map((a) => `${a.name}="${a.value.slice(0, 60)}"`).join(' ')}>`;
      const all = [...document.querySelectorAll('*')];
      const onAttributeElements = all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).map(describe);
      const conversation = document.querySelector('#messages');
      const dangerousSelector = 'script, iframe, frame, object, embed, img, image, video, audio, source, link, style, form, input, base, meta, math, foreignObject, use, animate, set, portal, svg:not(.icon)';
      const dangerousElements = conversation ? [...conversation.querySelectorAll(dangerousSelector)].map(describe) : [];
      const unsafeLinks = conversation
        ? [...conversation.querySelectorAll('a, [href], [xlink\\:href]')]
            .filter((el) => {
              const href = el.getAttribute('href') ?? el.getAttribute('xlink:href');
              if (el.tagName.toLowerCase() !== 'a') return href !== null;
              return href === null || !/^https?:\/\//.test(href);
            })
            .map(describe)
        : [];
      return { violations: (window as any).__askLlamaViolations.slice(), onAttributeElements, dangerousElements, unsafeLinks };
    });
    const own = new Set(['/chat.html', '/dist/webview.js', '/dist/webview.css']);
    return {
      executions: [...this.executions],
      cspViolations: inPage.violations,
      foreignRequests: [...this.foreignRequests],
      foreignNetworkRequests: [...this.foreignNetworkRequests],
      unexpectedOwnRequests: this.server.requested.filter((p) => !own.has(p)),
      onAttributeElements: inPage.onAttributeElements,
      dangerousElements: inPage.dangerousElements,
      unsafeLinks: inPage.unsafeLinks,
    };
  }

  /**
   * The page still answers: an evaluate round trip and a key typed into the input both complete within `boundMs`
   * (a hang bound, not a speed measurement). Leaves the input empty.
   */
  async responsive(boundMs: number): Promise<boolean> {
    const bounded = <T>(work: Promise<T>) =>
      Promise.race([work.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), boundMs))]);
    if (!(await bounded(this.page.evaluate(() => document.readyState)))) return false;
    const prompt = this.page.locator('#prompt');
    const typed = await bounded(prompt.press('k', { timeout: boundMs }));
    if (!typed) return false;
    const value = await prompt.inputValue({ timeout: boundMs });
    await prompt.fill('', { timeout: boundMs });
    return value.endsWith('k');
  }

  /**
   * Waits until the answer with this id has stopped changing (its text length is the same over several frames):
   * the page paints long answers over many frames.
   */
  async waitUntilPainted(messageId: string, timeoutMs = 120_000): Promise<void> {
    await this.page.evaluate(
      async ({ id, timeoutMs }) => {
        const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
        const length = () => document.querySelector(`article.message[data-id="${id}"] .message-body`)?.textContent?.length ?? -1;
        const end = performance.now() + timeoutMs;
        let last = -2;
        let stable = 0;
        while (stable < 5 && performance.now() < end) {
          await frame();
          const now = length();
          stable = now === last ? stable + 1 : 0;
          last = now;
        }
      },
      { id: messageId, timeoutMs },
    );
  }

  /** Text of the rendered answer with this id. */
  async answerText(messageId: string): Promise<string> {
    return this.page.evaluate((id) => document.querySelector(`article.message[data-id="${id}"] .message-body`)?.textContent ?? '', messageId);
  }
}
