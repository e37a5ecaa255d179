// Render work for a ~4,000-token answer with code blocks, streamed token by token (one flush per delta, the worst
// case: the page itself flushes at most once per animation frame), against one render of the final text. Runs the
// page's own StreamingMarkdownView under linkedom in Node: the same DOM calls as in the page, but no layout or paint.
import { parseHTML } from 'linkedom';
import { StreamingMarkdownView } from '../../src/webview/markdown/streamingMarkdownView';
import { type BenchRow, formatMs, formatRatio } from './benchRow';
import { streamedAnswer } from './markdownAnswers';
import { elapsedMs, interleave, median, medianRatio } from './stats';

const TOKENS = 4000;
const ROUNDS = 11;
const WARMUP_ROUNDS = 2;

interface RenderOutcome {
  ms: number;
  renderedChars: number;
  html: string;
}

function freshContainer(): { container: Element; document: Document } {
  const { document } = parseHTML('<!doctype html><html><body><div class="message-body"></div></body></html>');
  return { container: document.querySelector('.message-body')!, document: document as unknown as Document };
}

export function renderStreamed(deltas: readonly string[]): RenderOutcome {
  const { container, document } = freshContainer();
  const start = process.hrtime.bigint();
  const view = new StreamingMarkdownView(container, document);
  for (const delta of deltas) {
    view.append(delta);
    view.flush();
  }
  view.finish();
  return { ms: elapsedMs(start), renderedChars: view.renderedChars, html: container.innerHTML };
}

export function renderOnce(text: string): RenderOutcome {
  const { container, document } = freshContainer();
  const start = process.hrtime.bigint();
  const view = new StreamingMarkdownView(container, document);
  view.append(text);
  view.finish();
  return { ms: elapsedMs(start), renderedChars: view.renderedChars, html: container.innerHTML };
}

export async function benchStreamingRender(): Promise<BenchRow> {
  const answer = streamedAnswer(4000, TOKENS);
  const codeBlocks = (answer.text.match(/^```\w/gm) ?? []).length;
  const streamedCheck = renderStreamed(answer.deltas);
  const onceCheck = renderOnce(answer.text);
  const sameDom = streamedCheck.html === onceCheck.html;
  const workRatio = streamedCheck.renderedChars / onceCheck.renderedChars;

  const times = await interleave(ROUNDS, WARMUP_ROUNDS, () => renderStreamed(answer.deltas).ms, () => renderOnce(answer.text).ms);
  const timeRatio = medianRatio(times);
  return {
    figure: 'Streaming render of a 4,000-token answer, token by token (linkedom)',
    reference: `one render of the final text: ${formatMs(median(times.reference))}, ${onceCheck.renderedChars.toLocaleString('en-US')} chars written`,
    measured: `${formatMs(median(times.subject))}, ${streamedCheck.renderedChars.toLocaleString('en-US')} chars written (work counter ${formatRatio(workRatio)})`,
    result: `${formatRatio(timeRatio)} time, ${formatRatio(workRatio)} work`,
    target: '≤ 3×',
    met: timeRatio <= 3 && workRatio <= 3,
    notes: `the page's StreamingMarkdownView under linkedom in Node (DOM work only, no layout/paint); ${TOKENS} deltas ` +
      `(${answer.text.length.toLocaleString('en-US')} chars, ${codeBlocks} fenced code blocks), append + flush per delta, then finish; ` +
      `median of ${ROUNDS} interleaved rounds (${WARMUP_ROUNDS} warm-up); final DOM ${sameDom ? 'identical to' : '**differs from**'} the one-shot render`,
  };
}
