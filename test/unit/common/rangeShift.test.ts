import * as assert from 'assert';
import { shiftRange, shiftRangeThrough } from '../../../src/common/rangeShift';

const range = { start: 10, end: 20 };

describe('rangeShift', () => {
  it('moves the range with text typed or deleted before it', () => {
    assert.deepStrictEqual(shiftRange(range, { offset: 0, removed: 0, inserted: 5 }), { start: 15, end: 25 });
    assert.deepStrictEqual(shiftRange(range, { offset: 2, removed: 4, inserted: 0 }), { start: 6, end: 16 });
    assert.deepStrictEqual(shiftRange(range, { offset: 10, removed: 0, inserted: 3 }), { start: 13, end: 23 }, 'insert at the start goes before');
  });

  it('ignores changes after it, including an insertion right at its end', () => {
    assert.deepStrictEqual(shiftRange(range, { offset: 20, removed: 0, inserted: 7 }), range);
    assert.deepStrictEqual(shiftRange(range, { offset: 25, removed: 3, inserted: 1 }), range);
  });

  it('grows or shrinks with edits inside it', () => {
    assert.deepStrictEqual(shiftRange(range, { offset: 12, removed: 2, inserted: 6 }), { start: 10, end: 24 });
    assert.deepStrictEqual(shiftRange(range, { offset: 10, removed: 3, inserted: 0 }), { start: 10, end: 17 });
  });

  it('is gone when a change crosses one of its ends or replaces all of it', () => {
    assert.strictEqual(shiftRange(range, { offset: 5, removed: 10, inserted: 0 }), undefined);
    assert.strictEqual(shiftRange(range, { offset: 15, removed: 10, inserted: 2 }), undefined);
    assert.strictEqual(shiftRange(range, { offset: 10, removed: 10, inserted: 10 }), undefined);
    assert.strictEqual(shiftRange(range, { offset: 0, removed: 30, inserted: 30 }), undefined);
  });

  it('applies several changes of one event from the last to the first', () => {
    // Both described against the text before the event: 4 chars inserted at 0, 2 inside the range at 15.
    const changes = [
      { offset: 0, removed: 0, inserted: 4 },
      { offset: 15, removed: 0, inserted: 2 },
    ];
    assert.deepStrictEqual(shiftRangeThrough(range, changes), { start: 14, end: 26 });
    assert.strictEqual(shiftRangeThrough(range, [...changes, { offset: 19, removed: 5, inserted: 0 }]), undefined);
  });
});
