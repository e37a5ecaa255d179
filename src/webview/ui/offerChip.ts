// A chip for context the host offers to the next question (the editor's selection, the current file): it says what
// will be sent, and its remove button leaves it out. A different offer (another selection, another file) is shown
// again even if the user removed the previous one.
import { element } from '../dom';
import { icon } from '../icons';

export interface Offer {
  /** Identifies the offer: a new key is a new offer. */
  key: string;
  label: string;
  title: string;
}

export interface OfferChipOptions {
  id: string;
  /** Accessible name of the chip. */
  groupLabel: string;
  /** Accessible name of its remove button. */
  removeLabel: string;
  removeTitle: string;
}

export class OfferChip {
  readonly root: HTMLElement;
  readonly #label: HTMLElement;
  #offer: Offer | undefined;
  #removed = false;

  constructor(doc: Document, options: OfferChipOptions, onRemove: () => void) {
    this.#label = element(doc, 'span', { class: 'chip-label' });
    const remove = element(doc, 'button', { type: 'button', class: 'remove icon-button', 'aria-label': options.removeLabel, title: options.removeTitle });
    remove.append(icon(doc, 'close'));
    remove.addEventListener('click', () => {
      this.#removed = true;
      this.#render();
      onRemove();
    });
    this.root = element(doc, 'div', { id: options.id, class: 'chip offer-chip', role: 'group', 'aria-label': options.groupLabel }, this.#label, remove);
    this.root.hidden = true;
  }

  /** Whether the next question should carry the offer. */
  get included(): boolean {
    return !!this.#offer && !this.#removed;
  }

  set(offer: Offer | undefined): void {
    if (offer?.key !== this.#offer?.key || !offer) this.#removed = false;
    this.#offer = offer;
    this.#render();
  }

  /** Offers the same again (after a question: removing applies to one question). */
  reset(): void {
    this.#removed = false;
    this.#render();
  }

  #render(): void {
    this.root.hidden = !this.included;
    if (this.#offer) {
      this.#label.textContent = this.#offer.label;
      this.#label.title = this.#offer.title;
    }
  }
}
