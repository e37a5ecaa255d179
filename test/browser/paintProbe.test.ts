// The bench's paint probe (test/bench/paintProbe.ts) in real Chromium: the time it gives for a marker must be the frame
// that painted it. Text added by an ordinary task is painted by the next frame; text added inside one of the page's
// animation-frame callbacks (as the chat page paints a stream) is painted by that same frame, and a probe that asked
// for a frame from there would read the next one, a frame late. A loop of the page's own records each frame's start.
import * as assert from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame } from 'playwright-core';
import { installPaintProbe, type ProbeReadings } from '../bench/paintProbe';
import { type Browser, launchBrowser } from '../harness/browser';

const CHAT_PAGE = '<!doctype html><main id="messages"><article class="message" data-role="assistant"><div class="message-body">' +
  '<p id="text">Answer: </p></div></article></main>';
const WORKBENCH = '<!doctype html><iframe src="/chat" width="600" height="400"></iframe>';

interface Marked {
  addedAt: number;
  paintedAt: number;
  /** Starts of the page's frames, from its own loop. */
  frames: number[];
}

describe('bench paint probe: the frame that painted a marker', function () {
  this.timeout(30_000);
  let browser: Browser;
  let server: http.Server;
  let chat: Frame;

  before(async () => {
    server = http.createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(request.url === '/chat' ? CHAT_PAGE : WORKBENCH);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    browser = await launchBrowser();
    await browser.context.addInitScript(installPaintProbe);
    await browser.page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const frame = browser.page.frames().find((f) => f.url().endsWith('/chat'));
    assert.ok(frame, 'the chat frame loaded');
    chat = frame;
    await chat.waitForFunction(() => 'askLlamaBench' in window && document.getElementById('messages') !== null);
    // The page's own frame loop, through requestAnimationFrame as the page sees it (the probe's, if it wraps it).
    await chat.evaluate(() => {
      const frames: number[] = [];
      (window as unknown as { frameStarts: number[] }).frameStarts = frames;
      const loop = (): void => {
        frames.push(performance.timeOrigin + performance.now());
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    });
  });
  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  /** Adds `BENCHMARK<id>` to the answer from a timer task or from a frame callback, and waits for the probe's time. */
  async function mark(id: string, from: 'task' | 'frame'): Promise<Marked> {
    return chat.evaluate(
      ({ id, from }) =>
        new Promise<Marked>((resolve) => {
          const add = (): void => {
            const addedAt = performance.timeOrigin + performance.now();
            document.getElementById('text')!.append(` BENCHMARK${id}`);
            const poll = (): void => {
              const paintedAt = (window as unknown as { askLlamaBench: ProbeReadings }).askLlamaBench.painted[id];
              if (paintedAt === undefined) return void setTimeout(poll, 5);
              // Two more frames, so the frame after the paint is on record too.
              const frames = (window as unknown as { frameStarts: number[] }).frameStarts;
              const count = frames.length;
              const wait = (): void => void (frames.length >= count + 2 ? resolve({ addedAt, paintedAt, frames: [...frames] }) : setTimeout(wait, 5));
              wait();
            };
            poll();
          };
          if (from === 'task') setTimeout(add, 3);
          else requestAnimationFrame(add);
        }),
      { id, from },
    );
  }

  const frameStartAfter = (frames: number[], at: number): number => frames.find((start) => start > at) ?? Infinity;

  it('times text added by a task at the next frame', async () => {
    const { addedAt, paintedAt, frames } = await mark('task', 'task');
    const next = frameStartAfter(frames, addedAt);
    assert.ok(paintedAt >= next, `painted at ${paintedAt.toFixed(1)}, before the frame after the change (${next.toFixed(1)})`);
    assert.ok(paintedAt < frameStartAfter(frames, next), 'painted a frame late');
  });

  it('times text added inside a frame callback at that frame, not the next', async () => {
    const { addedAt, paintedAt, frames } = await mark('frame', 'frame');
    const next = frameStartAfter(frames, addedAt);
    assert.ok(paintedAt >= addedAt, 'painted before it was added');
    assert.ok(paintedAt < next, `painted at ${paintedAt.toFixed(1)}: the next frame (${next.toFixed(1)}), a frame late`);
  });
});
