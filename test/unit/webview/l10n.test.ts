// The page's translations travel in its HTML (renderChatHtml) and are read once before the page is built; without
// them the page is in English.
import * as assert from 'assert';
import { parseHTML } from 'linkedom';
import { renderChatHtml } from '../../../src/host/chat/webviewHtml';
import { fillTemplate, formatMessage, l10n, loadTranslations } from '../../../src/webview/l10n';
import { createEmptyState } from '../../../src/webview/ui/emptyState';
import { createDocument } from './domHelpers';

const TYPE_BELOW = 'Type a question below. {0} sends, {1} starts a new line.';

function pageWith(translations: Record<string, string> | undefined): Document {
  const html = renderChatHtml({ cspSource: 'vscode-webview:', scriptUri: 'webview.js', styleUri: 'webview.css', nonce: 'n0nce', translations });
  return (parseHTML(html) as unknown as { document: Document }).document;
}

describe('webview l10n', () => {
  afterEach(() => loadTranslations(createDocument()));

  it('shows the translations the host put in the page, placeholders and elements moved as translated', () => {
    const doc = pageWith({ Copy: 'Kopieren', [TYPE_BELOW]: '{1} beginnt eine neue Zeile, {0} sendet.' });
    loadTranslations(doc);
    assert.strictEqual(l10n.t('Copy'), 'Kopieren');
    const line = createEmptyState(doc).querySelectorAll('p')[0];
    assert.strictEqual(line.textContent, 'Shift+Enter beginnt eine neue Zeile, Enter sendet.');
    assert.deepStrictEqual(Array.from(line.querySelectorAll('kbd'), (k) => k.textContent), ['Shift+Enter', 'Enter']);
  });

  it('is English without translations, and after a malformed data block', () => {
    loadTranslations(pageWith(undefined));
    assert.strictEqual(l10n.t('Copy'), 'Copy');
    assert.strictEqual(createEmptyState(createDocument()).querySelectorAll('p')[0].textContent, 'Type a question below. Enter sends, Shift+Enter starts a new line.');
    const broken = pageWith({ Copy: 'Kopieren' });
    broken.getElementById('ask-llama-l10n')!.textContent = '{not json';
    loadTranslations(broken);
    assert.strictEqual(l10n.t('Copy'), 'Copy');
  });

  it('keeps a translation that contains </script> inside its data block', () => {
    const html = renderChatHtml({ cspSource: 'x', scriptUri: 's', styleUri: 'c', nonce: 'n', translations: { Copy: '</script><img src=x>' } });
    assert.strictEqual(html.match(/<\/script>/g)?.length, 2, 'only the data block and the page script end a script element');
    loadTranslations((parseHTML(html) as unknown as { document: Document }).document);
    assert.strictEqual(l10n.t('Copy'), '</script><img src=x>');
  });

  it('formats {n} placeholders and leaves unmatched ones', () => {
    assert.strictEqual(formatMessage('{0} of {1}', [1, 'two']), '1 of two');
    assert.strictEqual(formatMessage('{0} and {2}', ['a']), 'a and {2}');
    const doc = createDocument();
    const b = doc.createElement('b');
    assert.deepStrictEqual(fillTemplate('press {0} now {1}', [b]), ['press ', b, ' now {1}']);
  });
});
