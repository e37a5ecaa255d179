import * as assert from 'assert';
import { declaredName, findBestMatch } from '../../../src/common/bestMatch';

const TS_FILE = [
  'import { x } from "y";', // 0
  '',
  'export function parse(input: string): number {', // 2
  '  const s = "}"; // a } in a string and a comment',
  '  if (input) {',
  '    return 1;',
  '  }',
  '  return 0;',
  '}', // 8
  '',
  'class Cache {', // 10
  '  get(key: string) {',
  '    return `${key}}`;',
  '  }',
  '}', // 14
].join('\n');

describe('bestMatch', () => {
  it('finds the function with the same name and spans its balanced braces', () => {
    const block = 'function parse(input: string): number {\n  return Number(input);\n}';
    assert.deepStrictEqual(findBestMatch(TS_FILE, block), { startLine: 2, endLine: 8, name: 'parse' });
  });

  it('finds a class and a method, ignoring braces in strings and template literals', () => {
    assert.deepStrictEqual(findBestMatch(TS_FILE, 'class Cache {\n}'), { startLine: 10, endLine: 14, name: 'Cache' });
    assert.deepStrictEqual(findBestMatch(TS_FILE, '  get(key: string) {\n    return key;\n  }'), { startLine: 11, endLine: 13, name: 'get' });
  });

  it('spans a Python def by its indentation', () => {
    const py = 'import os\n\ndef load(path):\n    with open(path) as f:\n\n        return f.read()\n\nprint(load("x"))\n';
    assert.deepStrictEqual(findBestMatch(py, 'def load(path):\n    return ""'), { startLine: 2, endLine: 5, name: 'load' });
  });

  it('finds nothing when the block declares nothing or the file lacks the name', () => {
    assert.strictEqual(findBestMatch(TS_FILE, 'console.log(1);'), undefined);
    assert.strictEqual(findBestMatch(TS_FILE, 'function other() {}'), undefined);
    assert.strictEqual(declaredName('if (x) {\n}'), undefined);
    assert.strictEqual(declaredName('x();\nfunction later() {}'), undefined, 'only the first code line may declare');
  });

  it('skips leading comments and reads a const arrow function', () => {
    assert.strictEqual(declaredName('// fixed\n/** doc */\nexport const handler = async () => {\n};')?.name, 'handler');
  });
});
