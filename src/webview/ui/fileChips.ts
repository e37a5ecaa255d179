// `#file-chips`: the Add File button (the host runs Add File to Chat) and one chip per file attached to the next
// question, its label saying what was cut ("p.ts (lines 1–420 of 900)"), with a remove button.
import type { HostMessage } from '../../common/protocol';
import { element } from '../dom';
import { icon } from '../icons';
import { l10n } from '../l10n';

type FileChip = Extract<HostMessage, { type: 'files' }>['files'][number];

/** The chips' container; `add` and `remove(index)` post the page messages. */
export function fileChips(doc: Document, add: () => void, remove: (index: number) => void): { root: HTMLElement; set(files: readonly FileChip[]): void } {
  const label = l10n.t('Add File to Chat');
  const button = element(doc, 'button', { type: 'button', class: 'icon-button', 'aria-label': label, title: label }, icon(doc, 'new-file'));
  button.onclick = add;
  const root = element(doc, 'div', { id: 'file-chips', class: 'chips' }, button);
  return {
    root,
    set: (files) =>
      root.replaceChildren(
        button,
        ...files.map((file, i) => {
          const x = element(doc, 'button', { type: 'button', class: 'remove icon-button', 'aria-label': l10n.t('Remove'), title: l10n.t('Remove') }, icon(doc, 'close'));
          x.onclick = () => remove(i);
          return element(doc, 'div', { class: 'chip' }, element(doc, 'span', { class: 'chip-label', title: file.label }, file.label), x);
        }),
      ),
  };
}
