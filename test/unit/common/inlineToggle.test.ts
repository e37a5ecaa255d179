// What the toggle command writes to askLlama.inlineSuggest.enable.
import * as assert from 'assert';
import { toggledEnableMap } from '../../../src/common/inlineToggle';

describe('common/inlineToggle: the toggle command\'s setting', () => {
  it('sets "*" and drops the active language\'s own value, keeping the others', () => {
    assert.deepStrictEqual(toggledEnableMap({ typescript: false, python: true }, true, 'typescript'), { '*': true, python: true });
  });

  it('with no editor open ("*" as the language) the new "*" is kept: the toggle is not a no-op', () => {
    assert.deepStrictEqual(toggledEnableMap({}, true, '*'), { '*': true });
    assert.deepStrictEqual(toggledEnableMap({ '*': true, go: true }, false, '*'), { '*': false, go: true });
  });
});
