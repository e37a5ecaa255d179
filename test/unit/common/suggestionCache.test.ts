// The LRU cache of suggestions, typed-through, and the typing-speed debounce.
import * as assert from 'assert';
import { cacheKey, SuggestionCache, typedThrough } from '../../../src/common/suggestionCache';
import { MAX_DELAY_MS, MIN_DELAY_MS, TypingDebounce } from '../../../src/common/typingDebounce';

describe('common/suggestionCache', () => {
  it('keys by model, prefix end and suffix start', () => {
    assert.strictEqual(cacheKey('m', 'x'.repeat(900) + 'abc', 'def'), cacheKey('m', 'y' + 'x'.repeat(900) + 'abc', 'def'), 'only the prefix end counts');
    assert.notStrictEqual(cacheKey('m', 'abc', 'def'), cacheKey('other', 'abc', 'def'));
    assert.notStrictEqual(cacheKey('m', 'abc', 'def'), cacheKey('m', 'abc', 'deg'));
  });

  it('evicts the least recently used entry', () => {
    const cache = new SuggestionCache(2);
    cache.set('a', '1');
    cache.set('b', '2');
    assert.strictEqual(cache.get('a'), '1'); // a is now the most recent
    cache.set('c', '3');
    assert.strictEqual(cache.get('b'), undefined);
    assert.strictEqual(cache.get('a'), '1');
    assert.strictEqual(cache.get('c'), '3');
  });

  it('typed through: the rest of the suggestion when the user typed its start', () => {
    const shown = { prefix: 'const total = ', suffix: '\n', text: 'a + b;' };
    assert.strictEqual(typedThrough(shown, 'const total = a', '\n'), ' + b;');
    assert.strictEqual(typedThrough(shown, 'const total = a + ', '\n'), 'b;');
  });

  it('not typed through: other text typed, the suffix changed, or the whole suggestion typed', () => {
    const shown = { prefix: 'const total = ', suffix: '\n', text: 'a + b;' };
    assert.strictEqual(typedThrough(shown, 'const total = x', '\n'), undefined);
    assert.strictEqual(typedThrough(shown, 'const total = a', ')\n'), undefined);
    assert.strictEqual(typedThrough(shown, 'const total = a + b;', '\n'), undefined);
    assert.strictEqual(typedThrough(shown, 'let total = a', '\n'), undefined);
  });
});

describe('common/typingDebounce', () => {
  it('waits longer for a slow typist than for a fast one, within bounds', () => {
    const fast = new TypingDebounce();
    const slow = new TypingDebounce();
    for (let i = 0; i < 20; i++) {
      fast.keystroke(i * 50);
      slow.keystroke(i * 250);
    }
    assert.ok(fast.delayMs < slow.delayMs, `${fast.delayMs} < ${slow.delayMs}`);
    assert.ok(fast.delayMs >= MIN_DELAY_MS && slow.delayMs <= MAX_DELAY_MS);
  });

  it('a long pause is not taken as the typing rhythm', () => {
    const debounce = new TypingDebounce();
    for (let i = 0; i < 10; i++) debounce.keystroke(i * 60);
    const before = debounce.delayMs;
    debounce.keystroke(60 * 9 + 10_000);
    assert.strictEqual(debounce.delayMs, before);
  });

  it('counts the wait from the last keystroke: what is left of it, then nothing', () => {
    const debounce = new TypingDebounce();
    const delay = debounce.keystroke(1_000);
    assert.strictEqual(debounce.waitLeft(1_000 + 30), delay - 30);
    assert.strictEqual(debounce.waitLeft(1_000 + delay + 5), 0);
  });
});
