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

  it('gives the rewrite the trailing newline of the original, and only that', () => {
    assert.strictEqual(matchTrailingNewline('a\nb', 'x\ny\n'), 'a\nb\n');
    assert.strictEqual(matchTrailingNewline('a\nb\n\n', 'x\ny'), 'a\nb');
    assert.strictEqual(matchTrailingNewline('a\n\n\n', 'x\n'), 'a\n');
  });
});
