// `#notice`: a short note from the host above the input ("2 older messages were left out…").
import { element } from '../dom';
import { icon } from '../icons';
import { l10n } from '../l10n';

export class Notice {
  readonly root: HTMLElement;
  private readonly text: HTMLElement;

  constructor(private readonly doc: Document) {
    this.text = element(doc, 'span', { class: 'notice-text' });
    const close = element(doc, 'button', { type: 'button', class: 'icon-button', 'aria-label': l10n.t('Dismiss notice'), title: l10n.t('Dismiss') });
    close.append(icon(doc, 'close'));
    close.addEventListener('click', () => this.clear());
    this.root = element(doc, 'div', { id: 'notice', role: 'status' }, this.text, close);
    this.root.hidden = true;
  }

  show(text: string, level: 'info' | 'warning'): void {
    this.text.replaceChildren(icon(this.doc, level === 'warning' ? 'error' : 'info'), this.doc.createTextNode(text));
    this.root.setAttribute('data-level', level);
    this.root.hidden = false;
  }

  clear(): void {
    this.root.hidden = true;
    this.text.replaceChildren();
  }
}
