import { element } from '../dom';

/** What a new user sees before the first question: how to ask. */
export function createEmptyState(doc: Document): HTMLElement {
  const key = (text: string) => element(doc, 'kbd', {}, text);
  return element(
    doc,
    'div',
    { class: 'empty-state' },
    element(doc, 'h2', {}, 'Ask Llama about your code'),
    element(doc, 'p', {}, 'Type a question below. ', key('Enter'), ' sends, ', key('Shift+Enter'), ' starts a new line.'),
    element(doc, 'p', {}, 'In an editor, press ', key('Ctrl+Alt+K'), ' (', key('⌘⌥K'), ' on macOS) to ask about the selection, or select code and right-click ', element(doc, 'strong', {}, 'Explain Selection'), '.'),
    element(doc, 'p', {}, 'Selected code is attached to your question as a chip; remove it with ×.'),
  );
}
