// Links in answers, clicked in the real page: an https link is handed to the host (`openLink`) and never followed by
// the page; a javascript: link is not a link at all. Also checks the CSP is really enforced in this browser, so the
// zero figures of the hostile suite mean something.
import * as assert from 'node:assert';
import type { Chat, ChatMessage, PageMessage } from '../../src/common/protocol';
import { contentSecurityPolicy } from '../../src/host/chat/webviewHtml';
import { ChatPage } from './chatPage';

describe('chat page in Chromium: links and the CSP', function () {
  this.timeout(60_000);
  let page: ChatPage;

  before(async () => {
    page = await ChatPage.open();
  });

  after(async () => {
    await page?.close();
  });

  async function showAnswer(text: string): Promise<string> {
    const answer: ChatMessage = { id: 'answer-1', role: 'assistant', text, createdAt: 2, status: 'done' };
    const chat: Chat = { id: 'chat-links', title: 'links', createdAt: 1, updatedAt: 2, messages: [{ id: 'q-1', role: 'user', text: 'links?', createdAt: 1 }, answer] };
    await page.post([{ type: 'state', chat, chats: [], model: 'meta-llama/test', busy: false }]);
    await page.page.waitForSelector('article.message[data-id="answer-1"] .message-body');
    return 'article.message[data-id="answer-1"] .message-body';
  }

  it("carries exactly the host's CSP, with the nonce of its one script", async () => {
    const { csp, nonce, inlineScripts } = await page.page.evaluate(() => ({
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
      nonce: (document.querySelector('script[src]') as HTMLScriptElement | null)?.nonce ?? '',
      inlineScripts: document.querySelectorAll('script:not([src])').length,
    }));
    assert.ok(nonce.length >= 16, 'the page script carries a nonce');
    assert.strictEqual(csp, contentSecurityPolicy(page.server.origin, nonce));
    assert.strictEqual(inlineScripts, 0);
  });

  afterEach(() => {
    // The CSP probe below attempts one remote image on purpose; the other tests count from zero.
    page.foreignRequests.length = 0;
  });

  it('enforces that CSP here: an inline script added to the DOM is blocked and reported', async () => {
    const before = (await page.figures()).cspViolations.length;
    await page.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = "pwn('csp-probe')";
      document.body.append(script);
      const img = document.createElement('img');
      img.src = 'https://attacker.invalid/csp-probe.png';
      document.body.append(img);
    });
    await page.page.waitForFunction((n) => (window as any).__askLlamaViolations.length >= n + 2, before);
    const figures = await page.figures();
    assert.deepStrictEqual(figures.executions, [], 'the inline script must not run');
    assert.deepStrictEqual(figures.foreignNetworkRequests, [], 'the remote image must not reach the network');
    assert.deepStrictEqual(
      figures.cspViolations.slice(before).map((v) => v.directive).sort(),
      ['img-src', 'script-src-elem'],
    );
    await page.page.evaluate(() => document.querySelectorAll('body > script:not([src]), body > img').forEach((el) => el.remove()));
  });

  it('a click on an https link posts openLink and the page stays where it is', async () => {
    const body = await showAnswer('Read [the docs](https://docs.example.invalid/page?x=1#frag) first.');
    await page.posted(true);
    const url = page.page.url();
    await page.page.click(`${body} a`);
    const posted = await page.posted(true);
    assert.deepStrictEqual(posted, [{ type: 'openLink', href: 'https://docs.example.invalid/page?x=1#frag' }] satisfies PageMessage[]);
    assert.strictEqual(page.page.url(), url, 'the page itself never navigates');
    assert.deepStrictEqual((await page.figures()).foreignRequests, []);
  });

  it('a javascript: link is shown as text, not a link, and clicking it posts nothing', async () => {
    const body = await showAnswer("Do [not click](javascript:pwn('click')) this.");
    assert.strictEqual(await page.page.locator(`${body} a`).count(), 0);
    const inert = page.page.locator(`${body} .inert-link`);
    assert.strictEqual(await inert.textContent(), 'not click');
    await page.posted(true);
    await inert.click();
    assert.deepStrictEqual(await page.posted(true), []);
    assert.deepStrictEqual((await page.figures()).executions, []);
  });
});
