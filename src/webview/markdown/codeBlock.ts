import type { CodeBlockAction } from '../../common/protocol';
import { clearChildren, element } from '../dom';
import { icon, type IconName } from '../icons';
import { highlightToNodes } from './highlighter';
import { l10n } from '../l10n';
import { CodeText } from './codeText';

/**
 * The toolbar of every code block. The page controller listens for clicks on `button[data-action]`. A function, not
 * a constant: the labels are translated when used, after the page has read its translations.
 */
function codeActions(): readonly { action: CodeBlockAction; label: string; icon: IconName }[] {
  return [
    { action: 'copy', label: l10n.t('Copy'), icon: 'copy' },
    { action: 'insert', label: l10n.t('Insert at Cursor'), icon: 'insert' },
    { action: 'newEditor', label: l10n.t('Open in New Editor'), icon: 'new-file' },
    { action: 'apply', label: l10n.t('Apply in Editor (where the question was, or the selection)'), icon: 'diff' },
  ];
}

export interface CodeBlockParts {
  root: HTMLDivElement;
  label: HTMLElement;
  code: HTMLElement;
  /** The plain text shown while the fence is open; replaced by highlighted spans once it closes. */
  text: CodeText;
}

/** Only the first word of the info string, and only characters that are safe in a class name. */
export function codeLanguage(info: string | undefined): string | undefined {
  const word = (info ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const safe = word.replace(/[^a-z0-9_+#.-]/g, '');
  return safe || undefined;
}

export function createCodeBlock(doc: Document, language: string | undefined, code: string): CodeBlockParts {
  const codeElement = element(doc, 'code', language ? { class: `language-${language}` } : {});
  const text = new CodeText(doc, codeElement, code);
  const toolbar = element(doc, 'div', { class: 'code-block-toolbar', role: 'toolbar', 'aria-label': l10n.t('Code block actions') });
  for (const { action, label, icon: iconName } of codeActions()) {
    const button = element(doc, 'button', { type: 'button', class: 'icon-button', 'data-action': action, 'aria-label': label, title: label });
    button.append(icon(doc, iconName));
    toolbar.append(button);
  }
  const label = element(doc, 'span', { class: 'code-block-language' }, language ?? 'text');
  const header = element(doc, 'div', { class: 'code-block-header' }, label, toolbar);
  const root = element(doc, 'div', { class: 'code-block', 'data-language': language }, header, element(doc, 'pre', {}, codeElement));
  return { root, label, code: codeElement, text };
}

/** Same attributes and label `createCodeBlock` gives, for a block whose language changed while streaming. */
export function setCodeLanguage(parts: CodeBlockParts, language: string | undefined): void {
  parts.label.textContent = language ?? 'text';
  if (language) {
    parts.root.setAttribute('data-language', language);
    parts.code.setAttribute('class', `language-${language}`);
  } else {
    parts.root.removeAttribute('data-language');
    parts.code.removeAttribute('class');
  }
}

/** Replaces the plain text with highlighted spans (or leaves it plain for unknown languages). */
export function highlightCodeBlock(doc: Document, parts: CodeBlockParts, language: string | undefined, code: string): void {
  const nodes = highlightToNodes(doc, code, language);
  // Left plain (unknown language, or too big to highlight) and already showing this text: rebuilding the same text
  // would only make the page lay all of it out again (a 200 KB block: 30 ms).
  if (!nodes && !parts.code.classList.contains('hljs') && parts.text.text === code) return;
  clearChildren(parts.code);
  if (nodes) {
    parts.code.classList.add('hljs');
    parts.code.append(...nodes);
  } else {
    parts.text = new CodeText(doc, parts.code, code);
  }
}
