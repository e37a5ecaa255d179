import * as assert from 'assert';
import { renderMarkdown } from '../../../../src/webview/markdown/renderMarkdown';
import { StreamingMarkdownView } from '../../../../src/webview/markdown/streamingMarkdownView';
import { createDocument } from '../domHelpers';
import { markedOutline, outline } from './markedReference';

const SAMPLE = [
  '# Plan',
  '',
  'Some *emphasis*, **strong** and `code` with a [link](https://example.com).',
  'A second line of the same paragraph &amp; an entity.',
  '',
  '- one',
  '- two with `x`',
  '  - nested',
  '',
  '1. first',
  '2. second',
  '',
  '> quoted',
  '',
  '| a | b |',
  '|---|--:|',
  '| 1 | 2 |',
  '',
  '```ts',
  'const answer: number = 42;',
  'console.log(answer);',
  '```',
  '',
  'Closing words.',
  '',
].join('\n');

function oneShot(text: string): string {
  const doc = createDocument();
  const container = doc.createElement('div');
  renderMarkdown(container, doc, text);
  return container.innerHTML;
}

/** What a stream of `chunks` finally shows: its exact HTML, its canonical outline (markedReference.ts) and the view. */
function streamed(chunks: string[], flushEvery = true): { html: string; outline: string; view: StreamingMarkdownView } {
  const doc = createDocument();
  const container = doc.createElement('div');
  const view = new StreamingMarkdownView(container, doc);
  for (const chunk of chunks) {
    view.append(chunk);
    if (flushEvery) view.flush();
  }
  view.finish();
  return { html: container.innerHTML, outline: outline(container), view };
}

/** A long realistic answer (~4,000 tokens): paragraphs, lists, tables and code. */
function longAnswer(): string {
  const parts: string[] = [];
  for (let i = 0; i < 14; i++) {
    parts.push(`## Step ${i}\n\nThis explains **step ${i}** with \`inline code\`, a [link](https://example.com/${i}) and *emphasis*; snake_case names appear too.\n`);
    parts.push('- first point with some words\n- second point with `code`\n- third point, longer than the others\n  - a nested point\n');
    parts.push('```ts\n' + Array.from({ length: 12 }, (_, j) => `function f${i}_${j}(a: number): number { return a * ${j} + 1; } // note`).join('\n') + '\n```\n');
    parts.push(`| key | value |\n|---|---|\n| ${i} | v |\n| x | y |\n`);
  }
  return parts.join('\n');
}

/** Model-like tokens: a word with its leading space, or a run of punctuation/newlines. */
function tokens(text: string): string[] {
  return text.match(/\s*[A-Za-z0-9_]+|\s*[^A-Za-z0-9_\s]|\s+/g) ?? [];
}

// The reference is marked's own HTML renderer (markedReference.ts), not our renderer: a bug in the DOM builder that
// both the streaming and the one-shot path share would otherwise pass. Each streamed result is also compared with the
// one-shot render byte for byte, which covers what the outline leaves out (toolbars, highlighting, classes).
describe('StreamingMarkdownView: streaming shows what marked renders, and equals a one-shot render', () => {
  it('renders the sample and a long answer as marked\'s own HTML renderer does', () => {
    for (const text of [SAMPLE, longAnswer()]) {
      const doc = createDocument();
      const container = doc.createElement('div');
      renderMarkdown(container, doc, text);
      assert.strictEqual(outline(container), markedOutline(text));
    }
    // The outline sees what users see: elements, text, link targets, alignment and code (not our toolbar).
    assert.match(markedOutline(SAMPLE), /^h1\("Plan"\) p\("Some " em\("emphasis"\).* a\[href=https:\/\/example\.com\/\]\("link"\)/);
    assert.match(markedOutline(SAMPLE), /th\[align=right\]\("b"\).*pre\[ts\]\("const answer: number = 42;\\nconsole\.log\(answer\);"\)/);
  });

  it('gives the same DOM for a split at every possible point', () => {
    const expected = markedOutline(SAMPLE);
    const exact = oneShot(SAMPLE);
    for (let i = 0; i <= SAMPLE.length; i++) {
      const result = streamed([SAMPLE.slice(0, i), SAMPLE.slice(i)]);
      const where = `split at ${i}: ${JSON.stringify(SAMPLE.slice(Math.max(0, i - 10), i))}`;
      assert.strictEqual(result.outline, expected, where);
      assert.strictEqual(result.html, exact, where);
    }
  });

  it('gives the same DOM when streamed one character at a time', () => {
    const result = streamed(Array.from(SAMPLE));
    assert.strictEqual(result.outline, markedOutline(SAMPLE));
    assert.strictEqual(result.html, oneShot(SAMPLE));
  });

  it('gives the same DOM for random chunk sizes, including split \\r\\n pairs', () => {
    const text = SAMPLE.replace(/\n/g, '\r\n');
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 20; round++) {
      const chunks: string[] = [];
      for (let at = 0; at < text.length; ) {
        const size = 1 + Math.floor(random() * 12);
        chunks.push(text.slice(at, at + size));
        at += size;
      }
      const result = streamed(chunks);
      assert.strictEqual(result.outline, markedOutline(SAMPLE), `round ${round}`);
      assert.strictEqual(result.html, oneShot(SAMPLE), `round ${round}`);
    }
  });

  it('needs no flush between appends: the final paint is the same', () => {
    const result = streamed(tokens(SAMPLE), false);
    assert.strictEqual(result.outline, markedOutline(SAMPLE));
    assert.strictEqual(result.html, oneShot(SAMPLE));
  });

  it('keeps the text it was given, with line endings normalised', () => {
    const { view } = streamed(['a\r', '\nb\rc']);
    assert.strictEqual(view.text, 'a\nb\nc');
  });
});

describe('StreamingMarkdownView: incremental work', () => {
  it('renders a 4,000-token answer streamed token by token with at most 3× the characters of one render', () => {
    const text = longAnswer();
    const pieces = tokens(text);
    assert.ok(pieces.length > 3000, `enough tokens (${pieces.length})`);
    const doc = createDocument();
    const reference = renderMarkdown(doc.createElement('div'), doc, text).renderedChars;
    const { view, html, outline: shown } = streamed(pieces);
    assert.strictEqual(shown, markedOutline(text));
    assert.strictEqual(html, oneShot(text));
    assert.ok(view.renderedChars <= 3 * reference, `streamed ${view.renderedChars} vs one render ${reference}`);
    assert.ok(view.renderedChars <= 3 * text.length, `streamed ${view.renderedChars} vs text ${text.length}`);
  });

  it('stays linear for one long paragraph and one long open code block streamed a character at a time', () => {
    const paragraph = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    const code = '```js\n' + Array.from({ length: 200 }, (_, i) => `let v${i} = ${i};`).join('\n') + '\n```\n';
    for (const text of [paragraph, code]) {
      const { view } = streamed(Array.from(text));
      assert.ok(view.renderedChars <= 3 * text.length, `${view.renderedChars} for ${text.length} characters`);
    }
  });

  it('never re-creates a completed block', () => {
    const doc = createDocument();
    const container = doc.createElement('div');
    const view = new StreamingMarkdownView(container, doc);
    view.append('First paragraph.\n\nSecond');
    view.flush();
    const first = container.querySelector('p')!;
    const firstText = first.firstChild;
    for (const piece of tokens(' paragraph grows.\n\n- a list\n- more\n\n```ts\nlet x = 1;\n```\n\nEnd.')) {
      view.append(piece);
      view.flush();
      assert.strictEqual(container.querySelector('p'), first, 'the first paragraph element is the same node');
    }
    view.finish();
    assert.strictEqual(container.querySelector('p'), first);
    assert.strictEqual(first.firstChild, firstText, 'and so is its text node');
  });

  it('appends to the open paragraph instead of rebuilding it', () => {
    const doc = createDocument();
    const container = doc.createElement('div');
    const view = new StreamingMarkdownView(container, doc);
    view.append('Growing');
    view.flush();
    const paragraph = container.querySelector('p')!;
    const text = paragraph.firstChild;
    view.append(' and growing');
    view.flush();
    assert.strictEqual(container.querySelector('p'), paragraph);
    assert.strictEqual(paragraph.firstChild, text);
    assert.strictEqual(paragraph.textContent, 'Growing and growing');
  });

  it('shows each block as soon as the text after a deferred line break arrives', () => {
    const doc = createDocument();
    const container = doc.createElement('div');
    const view = new StreamingMarkdownView(container, doc);
    for (const piece of ['First', ' paragraph.', '\n\n', 'Second', ' one', '\n', '-', ' item', ' a', '\n', '-', ' item', ' `b`', ' done']) {
      view.append(piece);
      view.flush();
    }
    assert.deepStrictEqual(Array.from(container.querySelectorAll('p')).map((p) => p.textContent), ['First paragraph.', 'Second one']);
    assert.deepStrictEqual(Array.from(container.querySelectorAll('li')).map((li) => li.textContent), ['item a', 'item b done']);
    assert.strictEqual(container.querySelector('li code')?.textContent, 'b');
  });

  it('paints nothing until flush', () => {
    const doc = createDocument();
    const container = doc.createElement('div');
    const view = new StreamingMarkdownView(container, doc);
    view.append('Hello');
    assert.strictEqual(container.childNodes.length, 0);
    view.flush();
    assert.strictEqual(container.textContent, 'Hello');
  });
});

describe('StreamingMarkdownView: code fences', () => {
  it('shows an open fence as plain text and highlights it once the fence closes', () => {
    const doc = createDocument();
    const container = doc.createElement('div');
    const view = new StreamingMarkdownView(container, doc);
    view.append('```ts\nconst a = 1;\nconst b');
    view.flush();
    const code = container.querySelector('pre > code')!;
    assert.strictEqual(code.querySelector('span[class^="hljs"]'), null, 'plain while open');
    assert.strictEqual(code.textContent, 'const a = 1;\nconst b');
    const block = container.querySelector('.code-block');
    view.append(' = 2;\n``');
    view.flush();
    assert.strictEqual(container.querySelector('pre > code span[class^="hljs"]'), null, 'still plain with a half-written fence');
    view.append('`\n');
    view.flush();
    assert.strictEqual(container.querySelector('.code-block'), block, 'the block element is kept');
    assert.ok(container.querySelector('pre > code span.hljs-keyword'), 'highlighted after the fence closes');
    assert.strictEqual(container.querySelector('pre > code')?.textContent, 'const a = 1;\nconst b = 2;');
  });

  it('highlights a fence left open when the answer finishes', () => {
    const doc = createDocument();
    const container = doc.createElement('div');
    const view = new StreamingMarkdownView(container, doc);
    view.append('```python\nimport os');
    view.flush();
    assert.strictEqual(container.querySelector('code span[class^="hljs"]'), null);
    view.finish();
    assert.ok(container.querySelector('code span.hljs-keyword'));
  });

  it('never highlights a completed block twice', () => {
    const doc = createDocument();
    const container = doc.createElement('div');
    const view = new StreamingMarkdownView(container, doc);
    view.append('```ts\nlet x = 1;\n```\n');
    view.flush();
    const keyword = container.querySelector('span.hljs-keyword');
    for (const piece of tokens('More text after the code.\n\nAnd a second paragraph.')) {
      view.append(piece);
      view.flush();
    }
    view.finish();
    assert.strictEqual(container.querySelector('span.hljs-keyword'), keyword);
  });
});
