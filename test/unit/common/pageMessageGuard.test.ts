import * as assert from 'node:assert/strict';
import { MAX_QUESTION_CHARS, parsePageMessage } from '../../../src/common/pageMessageGuard';

describe('parsePageMessage', () => {
  it('accepts each well-formed message and copies only known fields', () => {
    assert.deepEqual(parsePageMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parsePageMessage({ type: 'send', text: 'hi', includeSelection: true, evil: 'x' }), { type: 'send', text: 'hi', includeSelection: true });
    assert.deepEqual(parsePageMessage({ type: 'send', text: 'hi', includeSelection: false, includeCurrentFile: true }), { type: 'send', text: 'hi', includeSelection: false, includeCurrentFile: true });
    assert.deepEqual(parsePageMessage({ type: 'send', text: 'hi', includeSelection: false, includeCurrentFile: false }), { type: 'send', text: 'hi', includeSelection: false });
    assert.equal(parsePageMessage({ type: 'send', text: 'hi', includeSelection: false, includeCurrentFile: 'yes' }), undefined);
    assert.deepEqual(parsePageMessage({ type: 'editLast', text: 'again' }), { type: 'editLast', text: 'again' });
    assert.deepEqual(parsePageMessage({ type: 'openChat', chatId: 'a1b2-c3_d' }), { type: 'openChat', chatId: 'a1b2-c3_d' });
    assert.deepEqual(parsePageMessage({ type: 'errorAction', action: 'setApiKey' }), { type: 'errorAction', action: 'setApiKey' });
    assert.deepEqual(parsePageMessage({ type: 'codeBlock', action: 'apply', code: 'x', language: 'ts' }), { type: 'codeBlock', action: 'apply', code: 'x', language: 'ts' });
    assert.deepEqual(parsePageMessage({ type: 'codeBlock', action: 'copy', code: 'x' }), { type: 'codeBlock', action: 'copy', code: 'x' });
    assert.deepEqual(parsePageMessage({ type: 'codeBlock', action: 'apply', code: 'x', messageId: 'a-1', extra: 1 }), {
      type: 'codeBlock',
      action: 'apply',
      code: 'x',
      messageId: 'a-1',
    });
    assert.deepEqual(parsePageMessage({ type: 'openLink', href: 'https://a.b' }), { type: 'openLink', href: 'https://a.b' });
  });

  it('rejects non-objects and unknown types', () => {
    for (const raw of [null, undefined, 'ready', 42, [], { type: 'unknown' }, { type: 7 }]) assert.equal(parsePageMessage(raw), undefined);
  });

  it('rejects chat ids that could escape the history folder', () => {
    for (const chatId of ['../index', 'a/b', '..', '', 'x'.repeat(65), 'a.json', 5]) {
      assert.equal(parsePageMessage({ type: 'deleteChat', chatId }), undefined, String(chatId));
    }
  });

  it('rejects wrong field types and oversized text', () => {
    assert.equal(parsePageMessage({ type: 'send', text: 'hi' }), undefined);
    assert.equal(parsePageMessage({ type: 'send', text: 5, includeSelection: false }), undefined);
    assert.equal(parsePageMessage({ type: 'send', text: 'x'.repeat(MAX_QUESTION_CHARS + 1), includeSelection: false }), undefined);
    assert.equal(parsePageMessage({ type: 'errorAction', action: 'runShell' }), undefined);
    assert.equal(parsePageMessage({ type: 'codeBlock', action: 'execute', code: 'x' }), undefined);
    assert.equal(parsePageMessage({ type: 'codeBlock', action: 'copy', code: 'x', language: 5 }), undefined);
    assert.equal(parsePageMessage({ type: 'codeBlock', action: 'apply', code: 'x', messageId: '../chats' }), undefined);
    assert.equal(parsePageMessage({ type: 'openLink' }), undefined);
  });
});
