// The chat hole-filler's strict reading of a reply: only the hole's text; one fence stripped; prose refused.
import * as assert from 'assert';
import { holeFillerMessages, parseHoleReply } from '../../../src/api/holeFiller';

describe('api/holeFiller', () => {
  it('the prompt carries the prefix, the marked hole and the suffix in one user message', () => {
    const [system, user] = holeFillerMessages('let x = ', ';\n', 'typescript');
    assert.strictEqual(system.role, 'system');
    assert.strictEqual(user.content, 'Language: typescript\nlet x = <HOLE>;\n');
  });

  it('plain code is taken as it is, trailing whitespace trimmed, leading indentation kept', () => {
    assert.strictEqual(parseHoleReply('  return a + b;  \n\n', 'x'), '  return a + b;');
  });

  it('one code fence around everything is stripped', () => {
    assert.strictEqual(parseHoleReply('```ts\na + b\n```', 'x'), 'a + b');
    assert.strictEqual(parseHoleReply('```\r\nfoo()\r\n```\n', 'x'), 'foo()');
  });

  it('prose, prose around a fence, two fences and an echoed marker are refused', () => {
    for (const reply of [
      'Here is the completed code: a + b',
      "Sure! The missing part is `a + b`.",
      'The completion is a + b',
      "I'm not sure what goes here.",
      'To complete the function, add a + b',
      'Here you go:\n```js\na + b\n```',
      '```js\na\n```\nand\n```js\nb\n```',
      'a + <HOLE>',
    ]) {
      assert.strictEqual(parseHoleReply(reply, 'x'), undefined, reply);
    }
  });

  it('an empty reply is no suggestion, not a refusal', () => {
    assert.strictEqual(parseHoleReply('  \n', 'x'), '');
  });

  it('the part of the cursor line the model repeated is dropped', () => {
    assert.strictEqual(parseHoleReply('const total = a + b;', 'function f() {\n  const total = '), 'a + b;');
    assert.strictEqual(parseHoleReply('  const total = a + b;', 'function f() {\n  const total = '), 'a + b;');
  });
});
