// `#selection-chip`: the editor selection the next question will carry, with a remove button.
import type { SelectionInfo } from '../../common/protocol';
import { element } from '../dom';
import { icon } from '../icons';
import { selectionLabel } from './format';
import { l10n } from '../l10n';

export class SelectionChip {
  readonly root: HTMLElement;
  private readonly label: HTMLElement;
  private selection?: SelectionInfo;
  private removed = false;

  constructor(doc: Document, onChange: () => void) {
    this.label = element(doc, 'span', { class: 'chip-label' });
    const remove = element(doc, 'button', { type: 'button', class: 'remove icon-button', 'aria-label': l10n.t('Do not send the selection with the question'), title: l10n.t('Remove') });
    remove.append(icon(doc, 'close'));
    remove.addEventListener('click', () => {
      this.removed = true;
      this.render();
      onChange();
    });
    this.root = element(doc, 'div', { id: 'selection-chip', class: 'chip', role: 'group', 'aria-label': l10n.t('Attached selection') }, this.label, remove);
    this.root.hidden = true;
  }

  /** Whether the next question should carry the selection. */
  get included(): boolean {
    return !!this.selection && !this.removed;
  }

  set(selection: SelectionInfo | undefined): void {
    // A different selection is a new offer, even if the user removed the previous one.
    if (!sameSelection(selection, this.selection)) this.removed = false;
    this.selection = selection;
    this.render();
  }

  private render(): void {
    const visible = !!this.selection && !this.removed;
    this.root.hidden = !visible;
    if (this.selection) {
      this.label.textContent = selectionLabel(this.selection);
      this.label.title = `${this.selection.fileName}, lines ${this.selection.startLine}–${this.selection.endLine}`;
    }
  }
}

function sameSelection(a: SelectionInfo | undefined, b: SelectionInfo | undefined): boolean {
  return !!a && !!b && a.fileName === b.fileName && a.startLine === b.startLine && a.endLine === b.endLine;
}
