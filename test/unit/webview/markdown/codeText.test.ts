import * as assert from 'node:assert';
import { createCodeBlock, highlightCodeBlock } from '../../../../src/webview/markdown/codeBlock';
import { CODE_CHUNK_CHARS, CodeText } from '../../../../src/webview/markdown/codeText';
import { createDocument } from '../domHelpers';

function chunksOf(code: HTMLElement): string[] {
  return [...code.querySelectorAll('span.code-chunk')].map((chunk) => chunk.textContent ?? '');
}

/** 2,000 lines of varying length, some longer than a chunk. */
function sampleCode(): string {
  return Array.from({ length: 2000 }, (_, i) => (i % 97 === 0 ? 'x'.repeat(CODE_CHUNK_CHARS + 10) : `  line ${i}: ${'ab '.repeat(i % 13)}`)).join('\n');
}

describe('CodeText: a growing code block in line-aligned chunks', () => {
  it('keeps a large block in chunks that end at a line end, and its textContent is the code exactly', () => {
    const doc = createDocument();
    const code = doc.createElement('code');
    const text = sampleCode();
    new CodeText(doc, code, text);
    const chunks = chunksOf(code);
    assert.ok(chunks.length > text.length / (2 * CODE_CHUNK_CHARS), `${chunks.length} chunks for ${text.length} characters`);
    assert.strictEqual(code.textContent, text);
    for (const chunk of chunks.slice(0, -1)) {
      assert.ok(chunk.endsWith('\n'), 'a chunk ends with its line end');
      assert.ok(chunk.length >= CODE_CHUNK_CHARS, 'a chunk is closed only once it is full');
      assert.ok(!chunk.slice(CODE_CHUNK_CHARS - 1, -1).includes('\n'), 'at the first line end once full');
    }
  });

  it('chunks the same text the same way however it arrives', () => {
    const doc = createDocument();
    const whole = doc.createElement('code');
    const streamed = doc.createElement('code');
    const text = sampleCode();
    new CodeText(doc, whole, text);
    const growing = new CodeText(doc, streamed);
    let seed = 7;
    for (let at = 0; at < text.length; ) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const size = 1 + (seed % 300);
      growing.append(text.slice(at, at + size));
      at += size;
    }
    assert.deepStrictEqual(chunksOf(streamed), chunksOf(whole));
  });

  it('a small block is one chunk', () => {
    const doc = createDocument();
    const code = doc.createElement('code');
    const text = new CodeText(doc, code, 'const a = 1;\n');
    text.append('const b = 2;');
    assert.deepStrictEqual(chunksOf(code), ['const a = 1;\nconst b = 2;']);
  });

  it('a block left plain at the end keeps its nodes: the page does not lay the same text out again', () => {
    const doc = createDocument();
    const text = sampleCode();
    for (const language of ['no-such-language', 'typescript']) {
      const parts = createCodeBlock(doc, language, text); // 'typescript': too big to highlight
      const before = [...parts.code.childNodes];
      highlightCodeBlock(doc, parts, language, text);
      assert.deepStrictEqual([...parts.code.childNodes], before, language);
      assert.strictEqual(parts.code.textContent, text);
    }
  });
});
