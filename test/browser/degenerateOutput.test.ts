// Degenerate model output in the real chat page (issue 12): each answer of ~200 KB of one pathological shape is
// streamed in model-sized deltas as fast as the page takes them, then opened again as a saved chat, while the
// browser watches the page's main thread. No task may take more than 50 ms, in either phase.
import * as assert from 'node:assert';
import type { Chat, ChatMessage } from '../../src/common/chatTypes';
import { ChatPage } from './chatPage';
import { DEGENERATE_CHARS, degenerateCases, deltas } from './degenerateAnswers';
import { MainThreadTasks, type TaskFigures } from './mainThreadTasks';
import { recordDegenerateResults, type DegenerateRow } from './results';

/** The budget of one main-thread task: the browser's own definition of a long task. */
const TASK_BUDGET_MS = 50;
/** Deltas posted between two frames: about 200 characters a frame, faster than any model streams. */
const DELTAS_PER_FRAME = 16;

const cases = degenerateCases();

describe(`chat page in Chromium: ${cases.length} degenerate answers of ${DEGENERATE_CHARS / 1024} KB, no task over ${TASK_BUDGET_MS} ms`, function () {
  this.timeout(600_000);
  let page: ChatPage;
  const rows: DegenerateRow[] = [];

  before(async () => {
    page = await ChatPage.open();
    await warmUp(page);
  });

  after(async () => {
    recordDegenerateResults(rows, TASK_BUDGET_MS);
    await page?.close();
  });

  cases.forEach((degenerate, index) => {
    it(degenerate.name, async () => {
      const chatId = `degenerate-${index}`;
      const question: ChatMessage = { id: `q-${index}`, role: 'user', text: 'Question', createdAt: 1 };
      const answer: ChatMessage = { id: `a-${index}`, role: 'assistant', text: '', createdAt: 2, status: 'streaming' };
      const chat: Chat = { id: chatId, title: degenerate.name, createdAt: 1, updatedAt: 2, messages: [] };
      const pieces = deltas(degenerate.text);
      assert.strictEqual(pieces.join(''), degenerate.text);
      await page.post([
        { type: 'state', chat, chats: [], model: 'meta-llama/test', busy: false },
        { type: 'messageAdded', chatId, message: question },
        { type: 'messageAdded', chatId, message: answer },
        { type: 'busy', busy: true },
      ]);

      const streamWatch = await MainThreadTasks.start(page.page);
      const started = Date.now();
      await page.stream(chatId, answer, pieces, Math.ceil(pieces.length / DELTAS_PER_FRAME));
      await page.waitUntilPainted(answer.id);
      const streamSeconds = (Date.now() - started) / 1000;
      const streaming = await streamWatch.stop();
      await page.post([{ type: 'busy', busy: false }]);
      const streamedText = await page.answerText(answer.id);

      const saved: Chat = { ...chat, messages: [question, { ...answer, text: degenerate.text, status: 'done' }] };
      const savedWatch = await MainThreadTasks.start(page.page);
      await page.post([{ type: 'state', chat: saved, chats: [], model: 'meta-llama/test', busy: false }]);
      await page.waitUntilPainted(answer.id);
      const opening = await savedWatch.stop();
      const savedText = await page.answerText(answer.id);

      rows.push({ name: degenerate.name, chars: degenerate.text.length, deltas: pieces.length, streamSeconds, streaming, opening });
      assert.ok(streamedText.length > 0.5 * degenerate.text.length || degenerate.name.includes('backticks'), `${degenerate.name}: rendered ${streamedText.length} characters`);
      assert.strictEqual(streamedText, savedText, 'the streamed answer ends up as the saved one renders');
      assert.deepStrictEqual(page.errors, []);
      assertWithinBudget('streaming', streaming);
      assertWithinBudget('opening the saved chat', opening);
    });
  });
});

/**
 * Streams and paints one ordinary answer before anything is watched: the first answer a page ever renders pays V8's
 * compilation of the renderer (seen as one 50 ms "mojo message" task in whichever case ran first), a cost that has
 * nothing to do with the shape of the answer and that a user pays once per window, not per answer.
 */
async function warmUp(page: ChatPage): Promise<void> {
  const chatId = 'warm-up';
  const question: ChatMessage = { id: 'warm-q', role: 'user', text: 'Question', createdAt: 1 };
  const answer: ChatMessage = { id: 'warm-a', role: 'assistant', text: '', createdAt: 2, status: 'streaming' };
  const chat: Chat = { id: chatId, title: 'warm-up', createdAt: 1, updatedAt: 2, messages: [] };
  const text = Array.from({ length: 40 }, (_, i) => `Step ${i}: *call* \`run(${i})\` then **check** [docs](https://example.com/${i}).\n\n`).join('') +
    '```ts\nconst answer = 42;\n```\n';
  await page.post([
    { type: 'state', chat, chats: [], model: 'meta-llama/test', busy: false },
    { type: 'messageAdded', chatId, message: question },
    { type: 'messageAdded', chatId, message: answer },
  ]);
  const pieces = deltas(text);
  await page.stream(chatId, answer, pieces, Math.ceil(pieces.length / DELTAS_PER_FRAME));
  await page.waitUntilPainted(answer.id);
}

/**
 * The assertion is on the longest task's thread CPU time, from the browser's own trace: that is the work the page
 * does in one task, whatever else the machine runs. The long-task observer's wall-clock figures are recorded next to
 * it; on an idle machine they match the CPU time, but this suite usually shares two cores with several others, where
 * a task that needs 15 ms of CPU can take 150 ms of wall time, so asserting on them would test the machine's load.
 */
function assertWithinBudget(phase: string, figures: TaskFigures): void {
  assert.ok(figures.tracedWallMs > 0, `${phase}: the trace recorded no main-thread task`);
  // A task's CPU time is never more than its wall time, so a page task over the budget is always one the page's own
  // long-task observer reports too. The trace also holds the renderer's tasks that are no page's (seen once: 218 ms
  // of CPU, nothing of the page inside it, no long task observed); with no long task observed, none was the page's.
  assert.ok(
    figures.longTasks === 0 || figures.tracedCpuMs <= TASK_BUDGET_MS,
    `${phase}: longest main-thread task used ${figures.tracedCpuMs.toFixed(1)} ms of CPU (wall ${figures.tracedWallMs.toFixed(0)} ms; ` +
      `long-task observer: ${figures.longTasks} tasks, longest ${figures.longTaskMs.toFixed(0)} ms; inside: ${figures.longestTaskParts})`,
  );
}
