import * as assert from 'assert';
import { pickPageTranslations } from '../../../src/common/pageTranslations';

describe('pickPageTranslations', () => {
  it("takes only the page's strings, and only string translations", () => {
    const bundle = { Copy: 'Kopieren', 'Set API Key': 'API-Schlüssel festlegen', Retry: 42, 'host only': 'nur Host' };
    assert.deepStrictEqual(pickPageTranslations(bundle, ['Copy', 'Retry', 'Set API Key', 'toString']), {
      Copy: 'Kopieren',
      'Set API Key': 'API-Schlüssel festlegen',
    });
  });

  it('gives nothing in English (no bundle loaded)', () => {
    assert.deepStrictEqual(pickPageTranslations(undefined, ['Copy']), {});
  });
});
