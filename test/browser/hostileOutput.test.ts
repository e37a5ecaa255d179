// Hostile model output in the real chat page (real Chromium, the real bundle, the host's CSP): every case is streamed
// token by token as the host does, then shown again from a saved chat (`state`). The browser is the witness: the
// trap, CSP reports, the network and the DOM. Run twice: with the host's CSP (the product) and without any CSP (the
// renderer alone must already be inert; the CSP is the second wall, not the only one).
import * as assert from 'node:assert';
import type { Chat, ChatMessage } from '../../src/common/chatTypes';
import { ChatPage, type PageFigures } from './chatPage';
import { caseLabel, hostileCases, tokenize, type HostileCase } from './hostileAnswers';
import { recordResults, type ModeFigures } from './results';

/** A hang bound for "the page still answers" after a case, not a speed measurement. */
const RESPONSIVE_BOUND_MS = 10_000;
/** Bursts of deltas per streamed answer, a paint between bursts. */
const STREAM_BURSTS = 6;

const cases = hostileCases();

function counts(f: PageFigures) {
  return {
    executions: f.executions.length,
    cspViolations: f.cspViolations.length,
    foreignRequests: f.foreignRequests.length,
    foreignNetworkRequests: f.foreignNetworkRequests.length,
    unexpectedOwnRequests: f.unexpectedOwnRequests.length,
  };
}

function emptyFigures(mode: string): ModeFigures {
  return {
    mode,
    cases: 0,
    executions: 0,
    cspViolations: 0,
    foreignRequests: 0,
    foreignNetworkRequests: 0,
    unexpectedOwnRequests: 0,
    onAttributeElements: 0,
    dangerousElements: 0,
    unsafeLinks: 0,
    unresponsive: 0,
    pageErrors: 0,
    notRendered: 0,
    failedCases: [],
    byCategory: {},
  };
}

for (const mode of ['host CSP', 'no CSP (renderer alone)'] as const) {
  describe(`chat page in Chromium: ${cases.length} hostile answers, ${mode}`, function () {
    this.timeout(120_000);
    let page: ChatPage;
    const figures = emptyFigures(mode);

    before(async () => {
      page = await ChatPage.open({ withoutCsp: mode !== 'host CSP' });
    });

    after(async () => {
      recordResults(figures);
      await page?.close();
    });

    it('serves the page with the CSP the extension host renders, or none in the renderer-only pass', async () => {
      const live = await page.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
      assert.strictEqual(live, page.server.lastCsp);
      if (mode === 'host CSP') assert.match(live, /^default-src 'none'; .*script-src 'nonce-[A-Za-z0-9+/=]+';$/);
      else assert.strictEqual(live, '');
    });

    for (const hostile of cases) {
      it(`#${hostile.id} ${hostile.category}: ${hostile.name}`, async () => {
        const problems = await runCase(page, hostile);
        figures.cases++;
        const category = (figures.byCategory[hostile.category] ??= { cases: 0, failures: 0 });
        category.cases++;
        for (const [name, value] of Object.entries(problems.figures)) (figures as unknown as Record<string, number>)[name] += value;
        if (problems.messages.length) {
          category.failures++;
          figures.failedCases.push(`#${hostile.id} ${hostile.name}`);
        }
        assert.deepStrictEqual(problems.messages, [], `case #${hostile.id} (${hostile.name})`);
      });
    }
  });
}

interface CaseOutcome {
  figures: Omit<ModeFigures, 'mode' | 'cases' | 'failedCases' | 'byCategory'>;
  messages: string[];
}

async function runCase(page: ChatPage, hostile: HostileCase): Promise<CaseOutcome> {
  const before = counts(await page.figures());
  const errorsBefore = page.errors.length;
  const chatId = `chat-${hostile.id}`;
  const question: ChatMessage = { id: `q-${hostile.id}`, role: 'user', text: `Question ${hostile.id}`, createdAt: 1 };
  const answer: ChatMessage = { id: `a-${hostile.id}`, role: 'assistant', text: '', createdAt: 2, status: 'streaming' };
  const chat: Chat = { id: chatId, title: `Case ${hostile.id}`, createdAt: 1, updatedAt: 2, messages: [] };

  const pieces = tokenize(hostile.text);
  assert.strictEqual(pieces.join(''), hostile.text, 'the tokenizer must not lose characters');

  await page.post([
    { type: 'state', chat, chats: [], model: 'meta-llama/test', busy: false },
    { type: 'messageAdded', chatId, message: question },
    { type: 'messageAdded', chatId, message: answer },
    { type: 'busy', busy: true },
  ]);
  await page.stream(chatId, answer, pieces, STREAM_BURSTS);
  await page.post([{ type: 'busy', busy: false }]);
  const streamedText = await page.answerText(answer.id);
  const afterStream = await page.figures();

  // The same answer again as a saved chat (window reload / reopening a chat): the one-shot rendering path.
  const saved: Chat = { ...chat, messages: [question, { ...answer, text: hostile.text, status: 'done' }] };
  await page.post([{ type: 'state', chat: saved, chats: [], model: 'meta-llama/test', busy: false }]);
  const savedText = await page.answerText(answer.id);
  const afterSaved = await page.figures();
  const responsive = await page.responsive(RESPONSIVE_BOUND_MS);
  const after = counts(await page.figures());

  const onAttributeElements = afterStream.onAttributeElements.length + afterSaved.onAttributeElements.length;
  const dangerousElements = afterStream.dangerousElements.length + afterSaved.dangerousElements.length;
  const unsafeLinks = afterStream.unsafeLinks.length + afterSaved.unsafeLinks.length;
  const pageErrors = page.errors.length - errorsBefore;
  const notRendered = Number(!streamedText.includes(caseLabel(hostile.id))) + Number(!savedText.includes(caseLabel(hostile.id)));
  const figures = {
    executions: after.executions - before.executions,
    cspViolations: after.cspViolations - before.cspViolations,
    foreignRequests: after.foreignRequests - before.foreignRequests,
    foreignNetworkRequests: after.foreignNetworkRequests - before.foreignNetworkRequests,
    unexpectedOwnRequests: after.unexpectedOwnRequests - before.unexpectedOwnRequests,
    onAttributeElements,
    dangerousElements,
    unsafeLinks,
    unresponsive: Number(!responsive),
    pageErrors,
    notRendered,
  };
  const final = await page.figures();
  const messages: string[] = [];
  if (figures.executions) messages.push(`executed: ${final.executions.slice(before.executions).join(', ')}`);
  if (figures.cspViolations) messages.push(`CSP violations: ${JSON.stringify(final.cspViolations.slice(before.cspViolations))}`);
  if (figures.foreignRequests) messages.push(`foreign requests attempted: ${final.foreignRequests.slice(before.foreignRequests).join(', ')}`);
  if (figures.foreignNetworkRequests) messages.push(`foreign requests past the CSP: ${final.foreignNetworkRequests.slice(before.foreignNetworkRequests).join(', ')}`);
  if (figures.unexpectedOwnRequests) messages.push(`unexpected same-origin requests: ${final.unexpectedOwnRequests.slice(before.unexpectedOwnRequests).join(', ')}`);
  if (onAttributeElements) messages.push(`on* elements: ${[...afterStream.onAttributeElements, ...afterSaved.onAttributeElements].join(' ')}`);
  if (dangerousElements) messages.push(`dangerous elements: ${[...afterStream.dangerousElements, ...afterSaved.dangerousElements].join(' ')}`);
  if (unsafeLinks) messages.push(`unsafe links: ${[...afterStream.unsafeLinks, ...afterSaved.unsafeLinks].join(' ')}`);
  if (!responsive) messages.push(`page did not answer within ${RESPONSIVE_BOUND_MS} ms`);
  if (pageErrors) messages.push(`page errors: ${page.errors.slice(errorsBefore).join(' | ')}`);
  if (notRendered) messages.push(`answer not rendered (streamed ${streamedText.length} chars, saved ${savedText.length} chars)`);
  return { figures, messages };
}
