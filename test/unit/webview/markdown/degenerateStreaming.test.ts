// Degenerate answers (issue 12): a model stuck in a loop can stream 200 KB of one markup shape. The work of
// streaming it must grow linearly with its length. Counted, not timed: every lexer run the view makes is recorded
// (marked's own Lexer, spied on), so these tests also hold on a busy machine, and they fail on a renderer that
// lexes the open block again on every flush.
import * as assert from 'assert';
import { Lexer } from 'marked';
import { PLAIN_ABOVE_WORK } from '../../../../src/webview/markdown/renderBudget';
import { renderMarkdown } from '../../../../src/webview/markdown/renderMarkdown';
import { StreamingMarkdownView } from '../../../../src/webview/markdown/streamingMarkdownView';
import { createDocument } from '../domHelpers';

const SIZE = 200 * 1024;

function repeatTo(length: number, unit: string): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

const SHAPES: Record<string, string> = {
  '`**_*`': repeatTo(SIZE, '**_*'),
  '`*_* _`': repeatTo(SIZE, '*_* _'),
  backticks: repeatTo(SIZE, '`'),
  'backticks and spaces': repeatTo(SIZE, '` '),
  '`<`': repeatTo(SIZE, '<'),
  '`[](`': repeatTo(SIZE, '[]('),
  '`\\`': repeatTo(SIZE, '\\'),
  '`>`': repeatTo(SIZE, '>'),
  '`- `': repeatTo(SIZE, '- '),
  'a long table row': `| a | b |\n|---|---|\n${repeatTo(SIZE, '| `x` *y* ')}`,
  'one long list': repeatTo(SIZE, '- item `a` **b**\n'),
  'an unclosed fence': '```ts\n' + repeatTo(SIZE, 'let `x` = a ** b; // ``` not a fence\n'),
};

interface LexCount {
  /** Outermost lexer runs (a block lex or an inline lex the view asked for; not marked's own nested calls). */
  runs: number;
  chars: number;
  /** Runs over at least this many characters: full re-renders of a large open block. */
  largeRuns: number;
}

const LARGE = 4096;

/** Counts the lexer runs made while `work` runs. */
function countLexing(work: () => void): LexCount {
  const count: LexCount = { runs: 0, chars: 0, largeRuns: 0 };
  const proto = Lexer.prototype as unknown as Record<'lex' | 'inlineTokens', (this: Lexer, src: string, ...rest: unknown[]) => unknown>;
  const originals = { lex: proto.lex, inlineTokens: proto.inlineTokens };
  let depth = 0;
  for (const name of ['lex', 'inlineTokens'] as const) {
    const original = originals[name];
    proto[name] = function (this: Lexer, src: string, ...rest: unknown[]) {
      if (depth === 0) {
        count.runs++;
        count.chars += src.length;
        if (src.length >= LARGE) count.largeRuns++;
      }
      depth++;
      try {
        return original.call(this, src, ...rest);
      } finally {
        depth--;
      }
    };
  }
  try {
    work();
  } finally {
    proto.lex = originals.lex;
    proto.inlineTokens = originals.inlineTokens;
  }
  return count;
}

/** Model-like deltas of 4 to 20 characters, a flush (one frame) after every 16. */
function streamInto(view: StreamingMarkdownView, text: string): number {
  let seed = 7;
  let flushes = 0;
  for (let at = 0, inFrame = 0; at < text.length; ) {
    seed = (seed * 16807) % 2147483647;
    const size = 4 + (seed % 17);
    view.append(text.slice(at, at + size));
    at += size;
    if (++inFrame === 16 || at >= text.length) {
      view.flush();
      flushes++;
      inFrame = 0;
    }
  }
  view.finish();
  return flushes;
}

function oneShot(text: string): string {
  const doc = createDocument();
  const container = doc.createElement('div');
  renderMarkdown(container, doc, text);
  return container.innerHTML;
}

describe('StreamingMarkdownView: degenerate answers cost work linear in their length', function () {
  this.timeout(60_000);

  for (const [name, text] of Object.entries(SHAPES)) {
    it(`${name}: 200 KB streamed in model-sized deltas lexes O(n) characters, re-rendering the open block O(log n) times`, () => {
      const doc = createDocument();
      const container = doc.createElement('div');
      const view = new StreamingMarkdownView(container, doc);
      let flushes = 0;
      const count = countLexing(() => {
        flushes = streamInto(view, text);
      });
      assert.ok(flushes > 1000, `${flushes} flushes`);
      // Every character is lexed a bounded number of times, whatever the shape: re-rendering a growing block each
      // time it has grown by a quarter lexes 1 + 4/5 + (4/5)² + … = 5 times its final length at most.
      assert.ok(count.chars <= 6 * text.length, `${name}: lexed ${count.chars} characters for ${text.length} (${count.runs} runs)`);
      // A large open block is rendered again only when it has grown by a fixed fraction: log(n) times, not per flush.
      assert.ok(count.largeRuns <= 40, `${name}: ${count.largeRuns} lexer runs over ${LARGE} characters`);
      assert.ok(view.renderedChars <= 4 * text.length, `${name}: ${view.renderedChars} characters written to the DOM`);
      assert.strictEqual(view.text, text);
      assert.strictEqual(container.innerHTML, oneShot(text), `${name}: streaming ends as a one-shot render`);
    });
  }
});

describe('StreamingMarkdownView: blocks too costly to render are shown as plain text', () => {
  it('shows a huge run of markup as its exact source text, in chunks, and renders markdown again after a blank line', () => {
    const run = repeatTo(20 * 1024, '**_*');
    const text = `Intro **bold**.\n\n${run}\n\nAfter *that*.`;
    const doc = createDocument();
    const container = doc.createElement('div');
    const view = new StreamingMarkdownView(container, doc);
    streamInto(view, text);
    const plain = container.querySelector('.plain-block')!;
    assert.ok(plain, 'a plain block');
    assert.strictEqual(plain.textContent, run);
    assert.ok(plain.children.length >= 10, `${plain.children.length} chunks`);
    assert.strictEqual(container.querySelector('p strong')?.textContent, 'bold', 'markdown before it');
    assert.strictEqual(container.querySelector('p em')?.textContent, 'that', 'markdown after it');
    assert.strictEqual(container.innerHTML, oneShot(text));
  });

  it('keeps a block under the limit as markdown, and a long code block as code whatever its size', () => {
    const paragraph = repeatTo(PLAIN_ABOVE_WORK / 4, 'plain words and a **bold** one ');
    const source = repeatTo(100 * 1024, 'let a = `x` * y; // [z](w) <b>\n');
    const code = '```js\n' + source + '\n```\n';
    const html = oneShot(`${paragraph}\n\n${code}`);
    const doc = createDocument();
    const container = doc.createElement('div');
    container.innerHTML = html;
    assert.strictEqual(container.querySelector('.plain-block'), null);
    assert.ok(container.querySelectorAll('p strong').length > 10);
    assert.strictEqual(container.querySelector('pre code')?.textContent, source);
  });
});
