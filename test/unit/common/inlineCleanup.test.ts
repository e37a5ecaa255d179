// Cleaning a suggestion before it is shown: the suffix is not repeated, brackets the line already closes are not
// closed again, several lines only at a block boundary, trailing whitespace trimmed, the file's indentation.
import * as assert from 'assert';
import { cleanSuggestion, type CleanupContext } from '../../../src/common/inlineCleanup';

const SPACES = { eol: '\n', insertSpaces: true, tabSize: 2 } as const;

function clean(raw: string, linePrefix: string, suffix: string, style: CleanupContext['style'] = SPACES): string {
  return cleanSuggestion(raw, { linePrefix, suffix, style });
}

describe('common/inlineCleanup', () => {
  it('mid-line, only the first line is suggested (multi-line only at a block boundary)', () => {
    assert.strictEqual(clean('a, b\n  more()', 'add(', ')\n'), 'a, b');
  });

  it('at the end of a line, several lines are kept', () => {
    assert.strictEqual(clean('\n  return a + b;\n}', 'function f() {', '\n'), '\n  return a + b;\n}');
  });

  it('a closer the rest of the line already has is not suggested again', () => {
    assert.strictEqual(clean('a, b)', 'add(', ')'), 'a, b');
    assert.strictEqual(clean('a, b);', 'add(', ');'), 'a, b');
    assert.strictEqual(clean('[1, 2]]', 'x = [', ']'), '[1, 2]');
  });

  it('a closer the suggestion opened itself is kept', () => {
    assert.strictEqual(clean('f(x)', 'add(', ')'), 'f(x)');
  });

  it('the whole rest of the line written again is removed', () => {
    assert.strictEqual(clean('a, b) + 1;', 'const s = add(', ') + 1;'), 'a, b');
  });

  it('trailing lines that repeat the lines after the cursor are dropped', () => {
    const suffix = '\n}\n';
    assert.strictEqual(clean('\n  return a + b;\n}', 'function f() {', suffix), '\n  return a + b;');
  });

  it('a `}` the suggestion needs for its own block stays', () => {
    const raw = '\n  if (x) {\n    y();\n  }';
    assert.strictEqual(clean(raw, 'function f() {', '\n}\n'), raw);
  });

  it('a statement repeating the next line ends the suggestion there', () => {
    assert.strictEqual(clean('const a = 1;\nreturn a;\nfoo();', '', '\nreturn a;\n'), 'const a = 1;');
    assert.strictEqual(clean('return a;', '  ', '\n  return a;\n'), '', 'on a blank line the suggestion is the next line: none');
  });

  it('trailing whitespace is trimmed on every line and at the end', () => {
    assert.strictEqual(clean('x = 1;   \n  y = 2;  \n\n', 'a', '\n'), 'x = 1;\n  y = 2;');
  });

  it('lines below the first take the file\'s indentation and line ends', () => {
    const tabs = { eol: '\r\n', insertSpaces: false, tabSize: 4 } as const;
    assert.strictEqual(clean('\n    return 1;\n        x;', 'f() {', '\n', tabs), '\r\n\treturn 1;\r\n\t\tx;');
    assert.strictEqual(clean('\n\treturn 1;', 'f() {', '\n', SPACES), '\n  return 1;');
  });

  it('nothing left is no suggestion', () => {
    assert.strictEqual(clean(')  \n', 'add(a', ')'), '');
    assert.strictEqual(clean('   ', 'x', '\n'), '');
  });
});
