import * as assert from 'assert';
import { inFileStyle, withIndentation, withLineEndings } from '../../../src/common/textStyle';

describe('textStyle', () => {
  it('converts every line ending to the file’s', () => {
    assert.strictEqual(withLineEndings('a\nb\r\nc\rd', '\r\n'), 'a\r\nb\r\nc\r\nd');
    assert.strictEqual(withLineEndings('a\r\nb\rc', '\n'), 'a\nb\nc');
  });

  it('turns tab indentation into spaces in a spaces file', () => {
    assert.strictEqual(withIndentation('if (a) {\n\treturn\t1;\n\t  x;\n}', { insertSpaces: true, tabSize: 2 }), 'if (a) {\n  return\t1;\n    x;\n}');
  });

  it('turns space indentation into tabs in a tabs file, keeping a remainder as alignment', () => {
    assert.strictEqual(withIndentation('{\n    a;\n        b;\n      c;\n}', { insertSpaces: false, tabSize: 4 }), '{\n\ta;\n\t\tb;\n\t  c;\n}');
  });

  it('leaves text after the indentation alone and tolerates a bad tab size', () => {
    assert.strictEqual(withIndentation('x  =  1;\n\ty', { insertSpaces: true, tabSize: 0 }), 'x  =  1;\n    y');
  });

  it('does both for a CRLF tabs file', () => {
    assert.strictEqual(inFileStyle('a {\n    b;\n}', { eol: '\r\n', insertSpaces: false, tabSize: 4 }), 'a {\r\n\tb;\r\n}');
  });
});
