// `#selection-chip`: the editor selection the next question will carry, with a remove button.
import type { SelectionInfo } from '../../common/protocol';
import { l10n } from '../l10n';
import { selectionLabel } from './format';
import { OfferChip } from './offerChip';

export function selectionChip(doc: Document, onRemove: () => void): { root: HTMLElement; readonly included: boolean; set(selection: SelectionInfo | undefined): void } {
  const chip = new OfferChip(
    doc,
    { id: 'selection-chip', groupLabel: l10n.t('Attached selection'), removeLabel: l10n.t('Do not send the selection with the question'), removeTitle: l10n.t('Remove') },
    onRemove,
  );
  return {
    root: chip.root,
    get included() {
      return chip.included;
    },
    set: (selection) =>
      chip.set(
        selection && {
          key: `${selection.fileName}:${selection.startLine}-${selection.endLine}`,
          label: selectionLabel(selection),
          title: `${selection.fileName}, lines ${selection.startLine}–${selection.endLine}`,
        },
      ),
  };
}
