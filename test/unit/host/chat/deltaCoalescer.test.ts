import * as assert from 'assert';
import { DeltaCoalescer } from '../../../../src/host/chat/deltaCoalescer';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('host/chat/deltaCoalescer', () => {
  it('sends the first piece at once and joins what arrives within the interval into one message', async () => {
    const sent: string[] = [];
    const deltas = new DeltaCoalescer((text) => sent.push(text), 20);
    deltas.push('Hello');
    assert.deepStrictEqual(sent, ['Hello'], 'the first token is never delayed');
    deltas.push(', ');
    deltas.push('world');
    deltas.push('.');
    assert.deepStrictEqual(sent, ['Hello']);
    await wait(60);
    assert.deepStrictEqual(sent, ['Hello', ', world.']);
  });

  it('sends at once again after a quiet interval', async () => {
    const sent: string[] = [];
    const deltas = new DeltaCoalescer((text) => sent.push(text), 10);
    deltas.push('a');
    await wait(40);
    deltas.push('b');
    assert.deepStrictEqual(sent, ['a', 'b']);
    deltas.flush();
  });

  it('flush sends what is waiting and stops the timer; nothing is lost or repeated', async () => {
    const sent: string[] = [];
    const deltas = new DeltaCoalescer((text) => sent.push(text), 1000);
    for (const piece of ['one ', 'two ', 'three']) deltas.push(piece);
    deltas.flush();
    assert.deepStrictEqual(sent, ['one ', 'two three']);
    deltas.flush();
    await wait(20);
    assert.strictEqual(sent.join(''), 'one two three');
  });

  it('ignores empty pieces', () => {
    const sent: string[] = [];
    const deltas = new DeltaCoalescer((text) => sent.push(text), 10);
    deltas.push('');
    deltas.flush();
    assert.deepStrictEqual(sent, []);
  });
});
