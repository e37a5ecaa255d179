// VS Code's own Chat view beside ours, in one window of one code-server, on one timestamping server (timedLlm.ts):
// Enter → first token painted, minus the server's own time to its first byte, for the Chat view with the Ask Llama
// model picked, and for our chat view asked in the same rounds. The Chat view is driven as the e2e scenario 09 does
// (test/e2e/vscodeChat.ts): opened, the models listed, Copilot Chat's agent awaited (a question sent before it is up
// meets a sign-in dialog), the model picked. Paint times: paintProbe.ts in our page, vscodeChatProbe.ts in VS Code's.
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Page } from 'playwright-core';
import { chatFrame } from '../e2e/chatView';
import {
  listModelsInManageLanguageModels,
  openVsCodeChat,
  pickChatModel,
  sendInVsCodeChat,
  waitForCopilotChatAgent,
} from '../e2e/vscodeChat';
import { showAskLlamaSidebar, waitForWorkbench } from '../e2e/workbench';
import { launchBrowser } from '../harness/browser';
import { startCodeServer } from '../harness/codeServer';
import { progress } from '../harness/log';
import { resultsDir, vsixPath } from '../harness/paths';
import { ensureToolchain } from '../harness/toolchain';
import { workbenchUrl } from '../harness/workbenchUrl';
import { makeWorkspace } from '../harness/workspace';
import { type BenchRow, formatMs, formatRatio } from './benchRow';
import { installPaintProbe, readProbe, waitForPaint } from './paintProbe';
import { QuestionAnswers, questionText } from './questionAnswers';
import { median } from './stats';
import { benchModelId, type ServedAnswer, TimedLlm } from './timedLlm';
import { installVsCodeChatPaintProbe, type VsCodeChatPaints } from './vscodeChatProbe';
import { overhead, type Timing, waitForDone, warmRow } from './workbench';

const ROUNDS = Number(process.env.ASK_LLAMA_BENCH_VSCODE_CHAT_ROUNDS ?? 7);
/** Agent is the Chat view's default mode (and the one e2e 09 proves); Ask is the other way people ask it. */
const MODE = process.env.ASK_LLAMA_BENCH_VSCODE_CHAT_MODE === 'Ask' ? 'Ask' : 'Agent';
/** How the Chat view's picker names the bench model (the id's last part, as e2e 09 finds it). */
const MODEL_NAME = benchModelId.split('/').pop()!;
const WAIT_MS = 60_000;
/** Between questions: Copilot Chat's own follow-up requests (a title) land here rather than in the next round. */
const SETTLE_MS = 500;

export const vsCodeChatFigure = "Enter → first token painted, VS Code's Chat view with the Ask Llama model (warm window)";

export async function benchVsCodeChat(): Promise<BenchRow> {
  if (!fs.existsSync(vsixPath)) throw new Error(`${vsixPath} is missing: run npm run package`);
  const toolchain = await ensureToolchain();
  const llm = await TimedLlm.start();
  const answers = new QuestionAnswers(llm);
  const server = await startCodeServer(toolchain, {
    smokeTestDriver: false,
    install: [vsixPath],
    settings: { 'askLlama.baseUrl': llm.baseUrl, 'askLlama.model': benchModelId, 'workbench.colorTheme': 'Default Dark Modern',
      'chat.disableAIFeatures': false },
  });
  const browser = await launchBrowser();
  let counter = 0;
  const nextId = () => `v${++counter}x${Date.now().toString(36)}`;
  let page: Page | undefined;
  try {
    await browser.context.addInitScript(installPaintProbe);
    await browser.context.addInitScript(installVsCodeChatPaintProbe);
    page = await browser.context.newPage();
    await page.goto(workbenchUrl(server.origin, makeWorkspace()));
    await waitForWorkbench(page);
    await showAskLlamaSidebar(page);
    const frame = chatFrame(page);
    await frame.locator('textarea#prompt').waitFor({ timeout: WAIT_MS });
    await openVsCodeChat(page, MODE);
    await listModelsInManageLanguageModels(page, MODEL_NAME);
    await waitForCopilotChatAgent(page);
    await pickChatModel(page, MODEL_NAME);
    progress(`vscodechat: VS Code's Chat view (${MODE}) has ${MODEL_NAME}; warming up both chats`);

    // Warm window: one question in each chat first (network code, model list, Copilot Chat's first-request work).
    await askOurs(frame, answers, nextId());
    await askVsCode(page, answers, nextId());
    const ours: Timing[] = [];
    const theirs: Timing[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating which goes first, so drift on the shared machine hits both alike.
      if (round % 2 === 0) {
        ours.push(await askOurs(frame, answers, nextId()));
        theirs.push(await askVsCode(page, answers, nextId()));
      } else {
        theirs.push(await askVsCode(page, answers, nextId()));
        ours.push(await askOurs(frame, answers, nextId()));
      }
      progress(`vscodechat round ${round + 1}/${ROUNDS}: ours +${formatMs(overhead(ours[round]))}, VS Code's +${formatMs(overhead(theirs[round]))}`);
    }
    return compareRow(ours, theirs, answers.fillers);
  } catch (error) {
    // What the window showed when a step failed: the Chat view's state is the usual explanation.
    fs.mkdirSync(resultsDir, { recursive: true });
    const shot = path.join(resultsDir, 'bench-vscodechat-failure.png');
    await page?.screenshot({ path: shot }).then(() => progress(`vscodechat: the window at the failure: ${shot}`), () => undefined);
    throw error;
  } finally {
    await browser.close();
    await server.stop();
    await llm.close();
  }
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${WAIT_MS / 1000} s`)), WAIT_MS)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Our chat view: Enter in `textarea#prompt`, as workbench.ts's warm rows, the answer picked by its question. */
async function askOurs(frame: FrameLocator, answers: QuestionAnswers, id: string): Promise<Timing> {
  const before = (await readProbe(frame)).enterAt.length;
  const { served, all, release } = answers.expect(id);
  let timing: Timing;
  try {
    const prompt = frame.locator('textarea#prompt');
    await prompt.fill(questionText(id));
    await prompt.press('Enter');
    await within(served, `our question ${id} never reached the server`);
    const paintedAt = await waitForPaint(frame, id);
    const enterAt = (await readProbe(frame)).enterAt[before];
    timing = { enterAt, served: afterEnter(all(), enterAt, id), paintedAt };
  } finally {
    release();
  }
  await waitForDone(frame);
  await settle();
  return timing;
}

/** VS Code's Chat view: Enter in its input (keydown in the workbench's document), paint in its chat list. */
async function askVsCode(page: Page, answers: QuestionAnswers, id: string): Promise<Timing> {
  const before = (await readProbe(page)).enterAt.length;
  const { served, all, release } = answers.expect(id);
  let timing: Timing;
  try {
    await sendInVsCodeChat(page, questionText(id));
    await within(served, `the Chat view's question ${id} never reached the server`);
    const paintedAt = await waitForVsCodeChatPaint(page, id);
    const enterAt = (await readProbe(page)).enterAt[before];
    timing = { enterAt, served: afterEnter(all(), enterAt, id), paintedAt };
  } finally {
    release();
  }
  await page.locator('.interactive-session .interactive-response:not(.chat-response-loading)', { hasText: `BENCHMARK${id}` })
    .last().waitFor({ timeout: WAIT_MS });
  await settle();
  return timing;
}

/** The question's own request: the first carrying it after Enter (the Chat view's input completion asks before). */
function afterEnter(served: readonly ServedAnswer[], enterAt: number, id: string): ServedAnswer {
  const answer = served.find((candidate) => candidate.requestAt >= enterAt);
  if (!answer) throw new Error(`no request carrying question ${id} reached the server after its Enter (${served.length} before it)`);
  return answer;
}

async function waitForVsCodeChatPaint(page: Page, id: string): Promise<number> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const at = await page.evaluate((marker) =>
      (window as unknown as { askLlamaBenchVsCodeChat: VsCodeChatPaints }).askLlamaBenchVsCodeChat.painted[marker], id);
    if (at !== undefined) return at;
    if (Date.now() > deadline) throw new Error(`marker ${id} was never painted in VS Code's Chat view`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One row: VS Code's Chat view is the reference column, ours (same window, same rounds) the "ours" column. */
function compareRow(ours: Timing[], theirs: Timing[], fillers: number): BenchRow {
  const theirsRow = warmRow(vsCodeChatFigure, `VS Code's Chat view (${MODE} mode, Copilot Chat's agent, the Ask Llama model picked): Enter in its input`, theirs);
  const oursRow = warmRow('', '', ours);
  const oursMs = median(ours.map(overhead));
  const theirsMs = median(theirs.map(overhead));
  const ratio = formatRatio(oursMs / theirsMs);
  return {
    figure: vsCodeChatFigure,
    reference: `VS Code's Chat view: ${theirsRow.result} (${theirsRow.measured}; ${theirsRow.reference})`,
    measured: `our chat view, same window and rounds: ${oursRow.result} (${oursRow.measured})`,
    result: `${oursRow.result} vs ${theirsRow.result} (${ratio})`,
    target: "ours ≤ VS Code's",
    met: oursMs <= theirsMs,
    notes: `${theirsRow.notes}; our chat view asked in the same rounds (Enter in \`textarea#prompt\`), alternating which goes ` +
      `first, held answers for every request carrying the round's question, timed on the first after Enter (Copilot Chat also ` +
      `asks the model to complete the question while it sits in the input), other requests a two-token filler (${fillers} in this run); overhead ratio ours / VS Code's ${ratio}; this window runs Copilot Chat ` +
      `in its extension host, the chat view rows above do not`,
  };
}
