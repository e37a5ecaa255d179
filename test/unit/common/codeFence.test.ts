import * as assert from 'assert';
import { extractCode, matchTrailingNewline } from '../../../src/common/codeFence';

describe('codeFence', () => {
  it('returns a reply without a fence as it is (CRLF to LF, leading blank lines dropped)', () => {
    assert.deepStrictEqual(extractCode('\n\nconst a = 1;\r\nconst b = 2;'), { code: 'const a = 1;\nconst b = 2;', closed: true });
  });

  it('takes the body of the first fenced block, dropping prose around it', () => {
    const reply = 'Here is the code:\n```ts\nconst a = 1;\n\nreturn a;\n```\nThis adds error handling.\n```\nother\n```';
    assert.deepStrictEqual(extractCode(reply), { code: 'const a = 1;\n\nreturn a;', closed: true });
  });

  it('only closes on the same character with at least the opening length', () => {
    const reply = '````md\n# Title\n```js\nx()\n```\n````';
    assert.strictEqual(extractCode(reply).code, '# Title\n```js\nx()\n```');
    assert.strictEqual(extractCode('~~~\na\n```\nb\n~~~').code, 'a\n```\nb');
  });

  it('shows a still-open fence without the half-arrived closing line', () => {
    assert.deepStrictEqual(extractCode('```python\nprint(1)\nprint(2)'), { code: 'print(1)\nprint(2)', closed: false });
    assert.deepStrictEqual(extractCode('```python\nprint(1)\n``'), { code: 'print(1)', closed: false });
  });

  it('does not take backticks inside a line for a fence', () => {
    assert.strictEqual(extractCode('const s = `a ``` b`;').code, 'const s = `a ``` b`;');
  });

  it('keeps a nested block that the model fenced with ``` inside an outer ```: an info-string fence opens a nested block', () => {
    // A Markdown rewrite with a shell example, all fenced with three backticks, as models write it.
    const readme = '# Install\n\n```sh\nnpm install\n```\n\nThen run it.';
    assert.deepStrictEqual(extractCode('```markdown\n' + readme + '\n```\nDone.'), { code: readme, closed: true });
    // Two nested blocks, and one nested in a nested one.
    const two = 'a\n```js\nx()\n```\nb\n```py\n```sh\nls\n```\ny()\n```\nc';
    assert.deepStrictEqual(extractCode('```md\n' + two + '\n```\n'), { code: two, closed: true });
    // A longer nested fence is closed only by one at least as long; a shorter bare one inside it is its content.
    const long = 'a\n````sh\n```\n````\nb';
    assert.deepStrictEqual(extractCode('```md\n' + long + '\n```\n'), { code: long, closed: true });
  });

  it('closes at the first bare fence, as CommonMark does, when nothing nested is open', () => {
    assert.deepStrictEqual(extractCode('```js\na()\n```\nRun it with:\n```sh\nnpm test\n```'), { code: 'a()', closed: true });
    // A bare fence cannot be told from the close: it ends the block (the prompt asks for a longer outer fence).
    assert.deepStrictEqual(extractCode('```md\nx\n```\ny\n```'), { code: 'x', closed: true });
    // Other characters or shorter fences are content and are not paired.
    assert.deepStrictEqual(extractCode('````md\n```sh\nls\n````', { final: true }), { code: '```sh\nls', closed: true });
    assert.deepStrictEqual(extractCode('```md\n~~~sh\nls\n```\nafter'), { code: '~~~sh\nls', closed: true });
  });

  it('while streaming, an outer fence is not complete until its own closing line has fully arrived', () => {
    const streamed = '```md\n# Install\n```sh\nnpm install\n```\n';
    assert.deepStrictEqual(extractCode(streamed), { code: '# Install\n```sh\nnpm install\n```\n', closed: false });
    // A last line that is only backticks may still become ```sh: it is not a close (nor shown) until its line ends.
    assert.deepStrictEqual(extractCode('```js\na()\n```'), { code: 'a()', closed: false });
    assert.deepStrictEqual(extractCode('```js\na()\n```\n'), { code: 'a()', closed: true });
    assert.deepStrictEqual(extractCode('``'), { code: '', closed: false });
  });

  it('takes a final reply whose outer fence never closed whole, its nested blocks and last line included', () => {
    const reply = '```md\n# Install\n```sh\nnpm install\n```';
    assert.deepStrictEqual(extractCode(reply, { final: true }), { code: '# Install\n```sh\nnpm install\n```', closed: false });
    assert.deepStrictEqual(extractCode('```js\na()\n```', { final: true }), { code: 'a()', closed: true });
  });

  it('gives the rewrite the trailing newline of the original, and only that', () => {
    assert.strictEqual(matchTrailingNewline('a\nb', 'x\ny\n'), 'a\nb\n');
    assert.strictEqual(matchTrailingNewline('a\nb\n\n', 'x\ny'), 'a\nb');
    assert.strictEqual(matchTrailingNewline('a\n\n\n', 'x\n'), 'a\n');
  });
});
