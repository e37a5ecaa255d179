// Inline suggestions in the real workbench (issue 22): the packaged extension in code-server, a person typing in a
// TypeScript file through headless Chromium at 8 characters a second, the local timestamping server (timedLlm.ts) as
// the model (a loopback server on no known port: the chat hole-filler, on by default for a local server). Rows:
// keystroke → ghost text painted against the server's own time to first byte and against VS Code's own path (a
// provider that does no work, referenceInline.ts, timed in alternate rounds); requests per 100 characters typed;
// extension-host CPU per suggestion (in a plain-text file) against the same typing with suggestions off.
// `node out/test/bench/run.js inline` runs these rows alone.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { TypingDebounce } from '../../src/common/typingDebounce';
import { openFile, runCommand, waitForWorkbench } from '../e2e/workbench';
import { launchBrowser } from '../harness/browser';
import { startCodeServer } from '../harness/codeServer';
import { progress } from '../harness/log';
import { resultsDir, vsixPath } from '../harness/paths';
import { ensureToolchain } from '../harness/toolchain';
import { workbenchUrl } from '../harness/workbenchUrl';
import { makeWorkspace } from '../harness/workspace';
import { type BenchRow, formatMs } from './benchRow';
import { type InlineReadings, installInlineProbe } from './inlineProbe';
import { cpuRow, latencyRow, type ReferenceTiming, requestsRow, type RoundTiming, type TypingCount } from './inlineRows';
import { REFERENCE_FILE, referenceExtensionVsix } from './referenceInline';
import { median } from './stats';
import { type AnswerScript, benchModelId, TimedLlm } from './timedLlm';
import { extensionHostCpuMs } from './workbench';

const ROUNDS = Number(process.env.ASK_LLAMA_BENCH_INLINE_ROUNDS ?? 9);
/** 8 characters a second. */
const KEY_GAP_MS = 125;
const WAIT_MS = 30_000;
const FILE = 'typing.ts';
const CPU_FILE = 'notes.txt';
/** Typed for the requests-per-100-characters row: ordinary code, its indentation typed (auto-indent is off). */
const SNIPPET = [
  'const prices = [3, 5, 8, 13];',
  'function total(values: number[]): number {',
  '  let sum = 0;',
  '  for (const value of values) sum += value;',
  '  return sum;',
  '}',
  'console.log(total(prices));',
];
/**
 * A plain editor, so the file holds exactly what was typed: no auto-closed brackets or auto-indentation, and no
 * suggest widget whose Enter would insert something else.
 */
const EDITOR_SETTINGS = {
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoIndent': 'none',
  'editor.suggestOnTriggerCharacters': false,
  'editor.wordBasedSuggestions': 'off',
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.parameterHints.enabled': false,
};
/** Ask Llama's default exclusions (package.json), and the reference's file: there only the reference answers. */
const EXCLUDE = ['.env*', '*.pem', '*.key', '**/secrets/**', REFERENCE_FILE];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
/** The whole answer at once: first token with the headers, the end straight after. */
const instant = (text: string): AnswerScript => ({ kind: 'hold', tokens: [text], release: Promise.resolve() });

function holeOf(body: string): { prefix: string } {
  const content = (JSON.parse(body) as { messages: { content: string }[] }).messages[1].content;
  return { prefix: content.slice(0, content.indexOf('<HOLE>')) };
}

export async function benchInline(): Promise<BenchRow[]> {
  if (!fs.existsSync(vsixPath)) throw new Error(`${vsixPath} is missing: run npm run package`);
  const toolchain = await ensureToolchain();
  const llm = await TimedLlm.start();
  const server = await startCodeServer(toolchain, {
    smokeTestDriver: false,
    install: [vsixPath, referenceExtensionVsix()],
    settings: {
      'askLlama.baseUrl': llm.baseUrl,
      'askLlama.model': benchModelId,
      'askLlama.inlineSuggest.exclude': EXCLUDE,
      ...EDITOR_SETTINGS,
    },
  });
  const browser = await launchBrowser();
  try {
    await browser.context.addInitScript(installInlineProbe);
    const workspace = makeWorkspace();
    fs.writeFileSync(path.join(workspace, 'src', FILE), '// Typed by the inline-suggestion bench.\n');
    fs.writeFileSync(path.join(workspace, 'src', REFERENCE_FILE), '// Typed by the inline-suggestion bench (the reference).\n');
    fs.writeFileSync(path.join(workspace, 'src', CPU_FILE), 'Typed by the inline-suggestion bench.\n');
    const page = await browser.context.newPage();
    await page.goto(workbenchUrl(server.origin, workspace));
    await waitForWorkbench(page);
    await openFile(page, FILE);
    // Opening a file does not activate Ask Llama, and its provider is registered at activation: one of its commands
    // does (this one shows the log without taking the focus from the editor).
    await runCommand(page, 'Ask Llama: Show Inline Suggestion Statistics');
    await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: WAIT_MS });
    await page.keyboard.press('Control+End');
    // Keys typed before the provider reached the workbench (the extension host is busy starting TypeScript) are
    // never asked about again: lines are typed until one gets its suggestion. This also loads the network code.
    await untilSuggested((attempt) => suggestionRound(page, llm, `warm${attempt}`, 8000));
    await openFile(page, REFERENCE_FILE);
    await untilSuggested((attempt) => referenceRound(page, `warmq${attempt}`, 8000));

    // Alternating, so that the load of the shared machine weighs on both alike.
    const rounds: RoundTiming[] = [];
    const reference: ReferenceTiming[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await showTab(page, FILE);
      rounds.push(await suggestionRound(page, llm, `r${round}`));
      await showTab(page, REFERENCE_FILE);
      reference.push(await referenceRound(page, `q${round}`));
    }
    progress(`inline: ${ROUNDS} suggestions, keystroke → painted ${rounds.map((r) => formatMs(r.paintedAt - r.keyAt)).join(', ')}`);
    progress(`inline: reference, keystroke → painted ${reference.map((r) => formatMs(r.paintedAt - r.keyAt)).join(', ')}`);
    await showTab(page, FILE);

    const neverRight = await typeSnippet(page, llm, () => 'neverTyped();');
    const rightToLineEnd = await typeSnippet(page, llm, (current, line) => (line.startsWith(current) ? line.slice(current.length) : ''));
    progress(`inline: requests per 100 characters ${neverRight.per100.toFixed(1)} (never right), ${rightToLineEnd.per100.toFixed(1)} (right)`);

    // CPU in a plain-text file: in the TypeScript file the TypeScript extension's own work in the same extension host
    // (seconds, growing with the file) drowned the difference.
    await openFile(page, CPU_FILE);
    const cpuOnStart = extensionHostCpuMs(server.userDataDir);
    const durations: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = Date.now();
      await suggestionRound(page, llm, `c${round}`);
      durations.push(Date.now() - started);
    }
    const cpuOn = extensionHostCpuMs(server.userDataDir) - cpuOnStart;
    // The reference: the same rounds typed with suggestions off, each as long as the median round with them on.
    await runCommand(page, 'Ask Llama: Toggle Inline Suggestions');
    // Off once the extension host has the new setting: its status bar item says so.
    await page.locator('.part.statusbar .codicon-circle-slash').waitFor({ timeout: WAIT_MS });
    await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: WAIT_MS });
    const requestsBefore = llm.completionRequests;
    const cpuOffStart = extensionHostCpuMs(server.userDataDir);
    for (let round = 0; round < ROUNDS; round++) {
      const started = Date.now();
      await typeLine(page, `let o${round} = `);
      await sleep(median(durations) - (Date.now() - started));
    }
    const cpuOff = extensionHostCpuMs(server.userDataDir) - cpuOffStart;
    progress(`inline: host CPU ${formatMs(cpuOn)} with suggestions, ${formatMs(cpuOff)} without`);
    const requestsOff = llm.completionRequests - requestsBefore;
    if (requestsOff !== 0) throw new Error(`${requestsOff} suggestion request(s) after turning them off`);
    await page.close();
    return [latencyRow(rounds, reference), requestsRow(neverRight, rightToLineEnd, SNIPPET.length), cpuRow(cpuOn, cpuOff, rounds.length)];
  } finally {
    await browser.close();
    await server.stop();
    await llm.close();
  }
}

async function readProbe(page: Page): Promise<InlineReadings> {
  return page.evaluate(() => (window as unknown as { askLlamaInline: InlineReadings }).askLlamaInline);
}

/** Presses each key of `text` on an 8-a-second schedule ('\n' is Enter). */
async function typeAtRate(page: Page, text: string): Promise<void> {
  const start = Date.now();
  for (let index = 0; index < text.length; index++) {
    await sleep(start + index * KEY_GAP_MS - Date.now());
    if (text[index] === '\n') await page.keyboard.press('Enter');
    else await page.keyboard.type(text[index]);
  }
}

/** A new line at the end of the file, `text` typed on it. */
async function typeLine(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await typeAtRate(page, text);
}

/**
 * Types `let <id> = ` on a new line; every request is answered at once with a marker naming it. Timed: the last key
 * → the ghost text of the request for the whole line painted, and the server's own times for that request.
 */
async function suggestionRound(page: Page, llm: TimedLlm, id: string, timeoutMs = WAIT_MS): Promise<RoundTiming> {
  const line = `let ${id} = `;
  const finals: { marker: string; answer: number }[] = [];
  let count = 0;
  llm.respondWith((body) => {
    const marker = `${id}x${++count}`;
    // Answers are recorded in the order they start, and this one starts right after this call returns.
    if (holeOf(body).prefix.endsWith(`\n${line}`)) finals.push({ marker, answer: llm.answers.length });
    return instant(`BENCHMARK${marker};`);
  });
  await typeLine(page, line);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probe = await readProbe(page);
    const painted = finals.filter((final) => final.marker in probe.ghost);
    if (painted.length > 0) {
      const first = painted.reduce((a, b) => (probe.ghost[a.marker] <= probe.ghost[b.marker] ? a : b));
      const typed = probe.keys.filter((key) => key.key.length === 1);
      return {
        keyAt: typed[typed.length - 1].at,
        served: llm.answers[first.answer],
        paintedAt: probe.ghost[first.marker],
        debounceMs: debounceAfter(typed.map((key) => key.at)),
      };
    }
    if (Date.now() > deadline) {
      // The log's lines for the requests and their statistics, in the picture.
      await runCommand(page, 'Ask Llama: Show Inline Suggestion Statistics').catch(() => undefined);
      await sleep(1000);
      await page.screenshot({ path: path.join(resultsDir, 'bench-inline-failure.png') }).catch(() => undefined);
      throw new Error(`no ghost text for "${line}" (${count} requests, ${finals.length} for the whole line)`);
    }
    await sleep(20);
  }
}

/**
 * Brings an open file's editor forward by its tab, focused. (Quick Open, as openFile uses, sometimes took Enter before
 * its list had followed the new name and stayed on the file already shown.)
 */
async function showTab(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.tabs-container .tab', { hasText: fileName }).click();
  await page.locator(`.tabs-container .tab.active[aria-label*="${fileName}"]`).waitFor({ timeout: WAIT_MS });
  await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: WAIT_MS });
}

/** Runs `round` until one gets its suggestion (5 tries): keys typed before a provider was registered are lost. */
async function untilSuggested<T>(round: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await round(attempt);
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}

/** Types `let <id> = ` on a new line of the reference's file; timed: the last key → the reference's ghost text painted. */
async function referenceRound(page: Page, id: string, timeoutMs = WAIT_MS): Promise<ReferenceTiming> {
  await typeLine(page, `let ${id} = `);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probe = await readProbe(page);
    if (id in probe.ghost) {
      const typed = probe.keys.filter((key) => key.key.length === 1);
      return { keyAt: typed[typed.length - 1].at, paintedAt: probe.ghost[id] };
    }
    if (Date.now() > deadline) throw new Error(`no ghost text from the reference for "let ${id} = "`);
    await sleep(20);
  }
}

/** The wait the provider's own TypingDebounce chooses after the last of these keystrokes. */
function debounceAfter(keyTimes: number[]): number {
  const debounce = new TypingDebounce();
  let delay = debounce.delayMs;
  for (const at of keyTimes) delay = debounce.keystroke(at);
  return delay;
}

/** Types SNIPPET at 8 characters a second; `model` answers from the cursor's line so far and the line being typed. */
async function typeSnippet(page: Page, llm: TimedLlm, model: (current: string, line: string) => string): Promise<TypingCount> {
  let lineIndex = 0;
  llm.respondWith((body) => {
    const { prefix } = holeOf(body);
    return instant(model(prefix.slice(prefix.lastIndexOf('\n') + 1), SNIPPET[lineIndex] ?? ''));
  });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  const before = llm.completionRequests;
  const text = SNIPPET.join('\n');
  const start = Date.now();
  for (let index = 0; index < text.length; index++) {
    await sleep(start + index * KEY_GAP_MS - Date.now());
    if (text[index] === '\n') {
      lineIndex++;
      await page.keyboard.press('Enter');
    } else await page.keyboard.type(text[index]);
  }
  await sleep(1000); // the request for the pause after the last key counts too
  const requests = llm.completionRequests - before;
  return { characters: text.length, requests, per100: (requests / text.length) * 100 };
}
