import * as assert from 'assert';
import { groupThousands, usageLine } from '../../../../src/webview/ui/format';

describe('format', () => {
  it('groups thousands with commas, whatever the machine locale', () => {
    assert.strictEqual(groupThousands(0), '0');
    assert.strictEqual(groupThousands(999), '999');
    assert.strictEqual(groupThousands(1000), '1,000');
    assert.strictEqual(groupThousands(1234567), '1,234,567');
  });

  it('writes the usage line of an answer', () => {
    assert.strictEqual(
      usageLine({ usage: { promptTokens: 1024, completionTokens: 45, totalTokens: 1069 }, durationMs: 2340 }),
      '1,069 tokens (1,024 in, 45 out) · 2.3 s',
    );
    assert.strictEqual(usageLine({}), undefined);
  });
});
