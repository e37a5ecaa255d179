// The streaming view's paint queue: line endings normalised on the way in (a "\r\n" split across deltas included),
// pieces of at most PAINT_PIECE_CHARS that never split a surrogate pair.
import * as assert from 'assert';
import { PendingText } from '../../../../src/webview/markdown/pendingText';
import { PAINT_PIECE_CHARS } from '../../../../src/webview/markdown/renderBudget';

function drain(pending: PendingText): string[] {
  const pieces: string[] = [];
  while (pending.length > 0) pieces.push(pending.take());
  return pieces;
}

describe('PendingText', () => {
  it('normalises \\r\\n and lone \\r, holding a trailing \\r back until the next delta', () => {
    const pending = new PendingText();
    pending.add('a\r');
    assert.strictEqual(pending.length, 1, 'the trailing \\r waits to see whether \\n follows');
    assert.strictEqual(pending.text, 'a\n');
    pending.add('\nb\rc');
    assert.deepStrictEqual(drain(pending), ['a\nb\nc']);
    pending.add('d\r');
    pending.end();
    assert.deepStrictEqual(drain(pending), ['d\n'], 'at the end a held-back \\r is a line break');
  });

  it('hands out pieces of at most PAINT_PIECE_CHARS, never splitting a surrogate pair', () => {
    const pending = new PendingText();
    const text = 'x'.repeat(PAINT_PIECE_CHARS - 1) + '🦙' + 'y'.repeat(PAINT_PIECE_CHARS);
    pending.add(text);
    const pieces = drain(pending);
    assert.strictEqual(pieces.join(''), text);
    assert.ok(pieces.every((piece) => piece.length <= PAINT_PIECE_CHARS));
    assert.strictEqual(pieces[0], 'x'.repeat(PAINT_PIECE_CHARS - 1), 'the pair goes whole into the next piece');
    assert.strictEqual(pending.take(), '', 'nothing left');
  });
});
