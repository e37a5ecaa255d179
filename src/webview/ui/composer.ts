// The input area: `textarea#prompt`, `button#send`, `button#stop`.
// Enter sends, Shift+Enter is a new line, Esc stops an answer (or cancels editing), ArrowUp in an empty input
// edits the last question.
import { element } from '../dom';
import { icon } from '../icons';
import { l10n } from '../l10n';

export interface ComposerEvents {
  send(text: string): void;
  editLast(text: string): void;
  stop(): void;
  /** The last question, for ArrowUp; undefined when there is none. */
  lastQuestion(): string | undefined;
  draftChanged(draft: string): void;
}

export class Composer {
  readonly root: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly editBanner: HTMLElement;
  private busy = false;
  private editing = false;

  constructor(
    doc: Document,
    private readonly events: ComposerEvents,
  ) {
    this.input = element(doc, 'textarea', {
      id: 'prompt',
      rows: '3',
      'aria-label': l10n.t('Ask Llama a question'),
      placeholder: l10n.t('Ask Llama… (Enter to send, Shift+Enter for a new line)'),
    });
    this.sendButton = element(doc, 'button', { id: 'send', type: 'button', class: 'icon-button primary', 'aria-label': l10n.t('Send'), title: l10n.t('Send (Enter)') });
    this.sendButton.append(icon(doc, 'send'));
    this.stopButton = element(doc, 'button', { id: 'stop', type: 'button', class: 'icon-button', 'aria-label': l10n.t('Stop answer'), title: l10n.t('Stop (Esc)') });
    this.stopButton.append(icon(doc, 'debug-stop'));
    this.stopButton.hidden = true;
    this.editBanner = element(doc, 'p', { class: 'edit-banner' }, l10n.t('Editing your last question — Enter resends it, Esc cancels.'));
    this.editBanner.hidden = true;
    this.root = element(doc, 'div', { class: 'composer' }, this.editBanner, element(doc, 'div', { class: 'input-row' }, this.input, this.sendButton, this.stopButton));

    this.input.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.input.addEventListener('input', () => {
      if (this.input.value === '' && this.editing) this.setEditing(false);
      this.events.draftChanged(this.input.value);
    });
    this.sendButton.addEventListener('click', () => this.submit());
    this.stopButton.addEventListener('click', () => this.events.stop());
  }

  get draft(): string {
    return this.input.value;
  }

  setDraft(text: string): void {
    this.input.value = text;
    this.events.draftChanged(text);
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.sendButton.hidden = busy;
    this.stopButton.hidden = !busy;
    this.sendButton.disabled = busy;
  }

  focus(): void {
    this.input.focus();
  }

  /** Loads a question into the input; the next send replaces that question (`editLast`). */
  beginEdit(text: string): void {
    if (this.busy) return;
    this.setDraft(text);
    this.setEditing(true);
    this.focus();
  }

  submit(): void {
    const text = this.input.value;
    if (this.busy || text.trim() === '') return;
    if (this.editing) this.events.editLast(text);
    else this.events.send(text);
    this.setEditing(false);
    this.setDraft('');
  }

  private setEditing(editing: boolean): void {
    this.editing = editing;
    this.editBanner.hidden = !editing;
    this.root.classList.toggle('editing', editing);
  }

  private onKeyDown(event: KeyboardEvent): void {
    // An IME composing a character uses Enter to confirm it: that is not a send.
    if (event.isComposing) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      this.submit();
    } else if (event.key === 'Escape') {
      if (this.busy) {
        event.preventDefault();
        this.events.stop();
      } else if (this.editing) {
        event.preventDefault();
        this.setEditing(false);
        this.setDraft('');
      }
    } else if (event.key === 'ArrowUp' && this.input.value === '' && !this.busy) {
      const last = this.events.lastQuestion();
      if (last !== undefined) {
        event.preventDefault();
        this.beginEdit(last);
      }
    }
  }
}
