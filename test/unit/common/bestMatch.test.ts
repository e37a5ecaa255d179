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

  describe('doc comments and decorators', () => {
    const TS = [
      'import { Component } from "x";', // 0
      '',
      '/**', // 2
      ' * Parses.',
      ' */',
      '@Memo()', // 5
      '@Component({',
      '  selector: "p",',
      '})',
      'export class Parser {', // 9
      '}', // 10
    ].join('\n');

    it('takes in the file’s doc comment and multi-line decorators when the block has its own, so they are not duplicated', () => {
      const block = '/** Parses better. */\n@Memo()\n@Component({\n  selector: "p",\n})\nexport class Parser {\n  x = 1;\n}';
      assert.deepStrictEqual(findBestMatch(TS, block), { startLine: 2, endLine: 10, name: 'Parser' });
    });

    it('leaves them alone when the block has none', () => {
      assert.deepStrictEqual(findBestMatch(TS, 'export class Parser {\n  x = 1;\n}'), { startLine: 9, endLine: 10, name: 'Parser' });
    });

    it('Python decorators and # comments above a def', () => {
      const py = 'import app\n\n# Serves the index.\n@app.route("/", methods=["GET"])\n@cached\ndef index():\n    return "a"\n';
      assert.deepStrictEqual(findBestMatch(py, '@app.route("/")\ndef index():\n    return "b"'), { startLine: 2, endLine: 6, name: 'index' });
      assert.deepStrictEqual(findBestMatch(py, 'def index():\n    return "b"'), { startLine: 5, endLine: 6, name: 'index' });
    });

    it('Rust /// docs and #[attr], C# /// docs and [Attr] with the brace on its own line', () => {
      const rs = 'use std::fmt;\n\n/// A point.\n#[derive(Debug, Clone)]\npub struct Point {\n    x: i32,\n}\n';
      assert.deepStrictEqual(findBestMatch(rs, '/// A 2D point.\n#[derive(Debug)]\npub struct Point {\n    x: i64,\n}'), { startLine: 2, endLine: 6, name: 'Point' });
      const cs = ['class C', '{', '    /// <summary>Gets one.</summary>', '    [HttpGet("{id}")]', '    [Authorize]', '    public async Task<IActionResult> Get(int id)', '    {', '        return Ok(id);', '    }', '}'].join('\n');
      const block = '[HttpGet("{id}")]\npublic async Task<IActionResult> Get(int id)\n{\n    return NotFound();\n}';
      assert.deepStrictEqual(findBestMatch(cs, block), { startLine: 2, endLine: 8, name: 'Get' });
    });

    it('does not take a decorated property or code above the declaration for a decorator', () => {
      const ts = ['class A {', '  @Input() name = "";', '  /** Starts. */', '  ngOnInit() {', '  }', '}'].join('\n');
      assert.deepStrictEqual(findBestMatch(ts, '/** Starts now. */\nngOnInit() {\n  go();\n}'), { startLine: 2, endLine: 4, name: 'ngOnInit' });
    });
  });

  describe('a name declared more than once', () => {
    const PY = [
      'class A:', // 0
      '    def __init__(self, x):', // 1
      '        self.a = x',
      '',
      'class B:', // 4
      '    def __init__(self):', // 5
      '        self.x = 0',
      '',
      'class C:', // 8
      '    def __init__(self, x):', // 9
      '        self.y = x',
    ].join('\n');

    it('a block that shows its class matches that class, not the first __init__', () => {
      const block = 'class B:\n    def __init__(self):\n        self.x = 2';
      assert.deepStrictEqual(findBestMatch(PY, block), { startLine: 4, endLine: 6, name: 'B' });
    });

    it('a bare method matches the one declaration with its signature (B.__init__, not A.__init__ above it)', () => {
      assert.deepStrictEqual(findBestMatch(PY, '    def __init__( self ):\n        self.x = 2'), { startLine: 5, endLine: 6, name: '__init__' });
    });

    it('is ambiguous, not a guess, when the signature does not single one out', () => {
      assert.deepStrictEqual(findBestMatch(PY, 'def __init__(self, x):\n    self.z = x'), { ambiguous: true, name: '__init__', startLines: [1, 5, 9] });
      assert.deepStrictEqual(findBestMatch(PY, 'def __init__(self, x, y):\n    pass'), { ambiguous: true, name: '__init__', startLines: [1, 5, 9] });
    });
  });
});
