import { element } from '../dom';
import { fillTemplate, l10n } from '../l10n';

/** What a new user sees before the first question: how to ask. */
export function createEmptyState(doc: Document): HTMLElement {
  const key = (text: string) => element(doc, 'kbd', {}, text);
  return element(
    doc,
    'div',
    { class: 'empty-state' },
    element(doc, 'h2', {}, l10n.t('Ask Llama about your code')),
    element(doc, 'p', {}, ...fillTemplate(l10n.t('Type a question below. {0} sends, {1} starts a new line.'), [key('Enter'), key('Shift+Enter')])),
    element(
      doc,
      'p',
      {},
      ...fillTemplate(l10n.t('In an editor, press {0} ({1} on macOS) to ask about the selection, or select code and right-click {2}.'), [
        key('Ctrl+Alt+K'),
        key('⌘⌥K'),
        element(doc, 'strong', {}, l10n.t('Explain Selection')),
      ]),
    ),
    element(doc, 'p', {}, l10n.t('Selected code is attached to your question as a chip; remove it with ×.')),
  );
}
