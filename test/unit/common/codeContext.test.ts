import * as assert from 'assert';
import { inStringOrComment } from '../../../src/common/codeContext';

describe('common/codeContext: inStringOrComment', () => {
  const inside = (prefix: string, languageId = 'typescript') => inStringOrComment(prefix, languageId);

  it('code is code', () => {
    assert.strictEqual(inside('const total = '), false);
    assert.strictEqual(inside("const a = 'x';\nconst b = "), false);
    assert.strictEqual(inside('/* done */ return '), false);
    assert.strictEqual(inside('// a comment\nreturn '), false, 'a line comment ends with its line');
  });

  it('line and block comments', () => {
    assert.strictEqual(inside('const x = 1; // because '), true);
    assert.strictEqual(inside('/**\n * Adds two '), true);
    assert.strictEqual(inside('x = 1  # the ', 'python'), true);
    assert.strictEqual(inside('SELECT 1 -- the ', 'sql'), true);
  });

  it('strings, with escapes, and template literals whose ${…} is code', () => {
    assert.strictEqual(inside('const s = "hello '), true);
    assert.strictEqual(inside('const s = "say \\"hi'), true);
    assert.strictEqual(inside('const s = "a // b" + '), false, 'a comment token inside a string is text');
    assert.strictEqual(inside('const s = `line one\nline '), true);
    assert.strictEqual(inside('const s = `total: ${'), false);
    assert.strictEqual(inside('const s = `total: ${f({ a: 1 })} and '), true);
    assert.strictEqual(inside('doc = """Adds\ntwo ', 'python'), true);
  });

  it('an unclosed one-line string ends with its line', () => {
    assert.strictEqual(inside("const s = 'oops\nconst t = "), false);
  });

  it('a Rust lifetime is no string', () => {
    assert.strictEqual(inside("fn f<'a>(x: &'a str) -> ", 'rust'), false);
  });

  it('a language it does not know is never suppressed', () => {
    assert.strictEqual(inside('"unclosed ', 'brainfuck'), false);
  });
});
