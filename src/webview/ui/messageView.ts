// One message of the conversation: `article.message[data-role][data-id]` with its body, and for answers the
// status note, error with action buttons, usage line and Retry.
// Private members are #fields, which the minifier shortens (the page bundle has a size budget).
import type { Attachment, ChatMessage, ErrorAction } from '../../common/chatTypes';
import { clearChildren, element } from '../dom';
import { icon, type IconName } from '../icons';
import { PAINT_PIECE_CHARS } from '../markdown/renderBudget';
import { StreamingMarkdownView } from '../markdown/streamingMarkdownView';
import { partialNote, selectionLabel, sentLinesTitle, usageLine } from './format';
import { l10n } from '../l10n';

/** A function, not a constant: labels are translated when used, after the page has read its translations. */
function errorActions(): Record<ErrorAction, { label: string; icon: IconName }> {
  return {
    retry: { label: l10n.t('Retry'), icon: 'refresh' },
    setApiKey: { label: l10n.t('Set API Key'), icon: 'key' },
    chooseModel: { label: l10n.t('Choose Model'), icon: 'edit' },
    openSettings: { label: l10n.t('Open Settings'), icon: 'settings-gear' },
    openMaxTokens: { label: l10n.t('Raise Max Tokens'), icon: 'settings-gear' },
    showLog: { label: l10n.t('Show Log'), icon: 'output' },
  };
}

function isShownAttachment(a: Attachment | undefined): a is Attachment {
  const lines = (r: unknown) => !!r && typeof (r as Attachment).startLine === 'number' && typeof (r as Attachment).endLine === 'number';
  return !!a && typeof a.fileName === 'string' && lines(a) && (a.truncatedTo === undefined || lines(a.truncatedTo));
}

/** What one frame may still spend on painting answers: a time limit and a number of characters (layout cost). */
export interface PaintBudget {
  /** A `performance.now()` time. */
  deadline: number;
  chars: number;
}

export class MessageView {
  readonly root: HTMLElement;
  readonly #body: HTMLElement;
  readonly #footer: HTMLElement;
  #markdown?: StreamingMarkdownView;
  /** The answer is complete: once all its text is painted, the markdown view gets its final render. */
  #finishPending = false;
  #lastAction?: HTMLButtonElement;
  readonly #doc: Document;
  #message: ChatMessage;

  constructor(doc: Document, message: ChatMessage) {
    this.#doc = doc;
    this.#message = message;
    const isUser = message.role === 'user';
    this.root = element(doc, 'article', {
      class: 'message',
      'data-role': message.role,
      'data-id': message.id,
      'aria-label': isUser ? l10n.t('Your question') : l10n.t('Llama answer'),
    });
    const header = element(doc, 'div', { class: 'message-header' }, element(doc, 'span', { class: 'message-author' }, isUser ? l10n.t('You') : l10n.t('Llama')));
    // What the question carried: its selection, current file or problem lines, then the attached files (chats saved
    // before files could be attached have none; the history on disk is not trusted to hold well-formed ones).
    if (isUser) {
      for (const a of [message.attachment, ...(Array.isArray(message.files) ? message.files : [])]) {
        if (isShownAttachment(a)) header.append(element(doc, 'span', { class: 'chip message-attachment', title: sentLinesTitle(a) }, selectionLabel(a.truncatedTo ? { ...a, ...a.truncatedTo } : a)));
      }
    }
    this.#body = element(doc, 'div', { class: 'message-body' });
    this.#footer = element(doc, 'div', { class: 'message-footer' });
    this.root.append(header, this.#body, this.#footer);
    this.#renderContent();
  }

  get id(): string {
    return this.#message.id;
  }

  get role(): ChatMessage['role'] {
    return this.#message.role;
  }

  get text(): string {
    return this.#message.text;
  }

  get isStreaming(): boolean {
    return this.#message.role === 'assistant' && this.#message.status === 'streaming';
  }

  /** Plain text of the rendered answer, for the screen-reader announcement. */
  get spokenText(): string {
    return this.#body.textContent ?? '';
  }

  /** Buffers streamed text; `paint` paints it. */
  appendDelta(text: string): void {
    if (!this.isStreaming || !this.#markdown) return;
    this.#markdown.append(text);
    this.#message = { ...this.#message, text: this.#message.text + text };
  }

  /** Whether some of the answer's text is still waiting to be painted (see `paint`). */
  get needsPaint(): boolean {
    return !!this.#markdown && (this.#markdown.pendingLength > 0 || this.#finishPending);
  }

  /**
   * Paints waiting text a piece at a time while `budget` lasts (time and characters, shared by every message painted
   * in one frame) and returns whether some is left: the message list calls it again on the next frame, so a long
   * answer never blocks the page in one task.
   */
  paint(budget: PaintBudget): boolean {
    const markdown = this.#markdown;
    if (!markdown) return false;
    while (markdown.pendingLength > 0) {
      if (budget.chars <= 0 || performance.now() >= budget.deadline) return true;
      const before = markdown.pendingLength;
      markdown.paintPiece();
      budget.chars -= before - markdown.pendingLength;
    }
    if (this.#finishPending) {
      this.#finishPending = false;
      markdown.finish();
    }
    return false;
  }

  /** The host's new copy of this message (finished, stopped, failed). */
  update(message: ChatMessage): void {
    const view = this.#markdown;
    this.#message = message;
    if (message.role === 'assistant' && view && !view.isFinished && message.text.startsWith(view.text)) {
      // Keep every node painted so far: only the missing end is added.
      view.append(message.text.slice(view.text.length));
      this.#finishPending = message.status !== 'streaming';
      this.#paintIfShort();
      this.#renderFooter();
    } else {
      this.#renderContent();
    }
  }

  /** Retry (answers) or Edit (questions) is offered on the last message of each kind only. */
  showLastAction(show: boolean, onClick: () => void): void {
    if (!show) {
      this.#lastAction?.remove();
      this.#lastAction = undefined;
      return;
    }
    if (this.#lastAction) return;
    const isUser = this.#message.role === 'user';
    const label = isUser ? l10n.t('Edit and resend this question') : l10n.t('Retry: regenerate this answer');
    const button = element(this.#doc, 'button', {
      type: 'button',
      class: 'icon-button message-action',
      'data-message-action': isUser ? 'edit' : 'retry',
      'aria-label': label,
      title: label,
    });
    button.append(icon(this.#doc, isUser ? 'edit' : 'refresh'));
    button.addEventListener('click', onClick);
    this.#lastAction = button;
    this.#footer.append(button);
  }

  #renderContent(): void {
    clearChildren(this.#body);
    if (this.#message.role === 'user') {
      this.#body.classList.add('user-text');
      this.#body.textContent = this.#message.text;
    } else {
      this.#markdown = new StreamingMarkdownView(this.#body, this.#doc);
      this.#markdown.append(this.#message.text);
      this.#finishPending = this.#message.status !== 'streaming';
      this.#paintIfShort();
    }
    this.#renderFooter();
  }

  /** Up to one piece of waiting text is painted at once; more is left to the message list's frames (`paint`). */
  #paintIfShort(): void {
    if (this.#markdown && this.#markdown.pendingLength <= PAINT_PIECE_CHARS) this.paint({ deadline: Infinity, chars: Infinity });
  }

  #renderFooter(): void {
    const m = this.#message;
    const action = this.#lastAction;
    clearChildren(this.#footer);
    if (m.role === 'assistant') {
      this.root.setAttribute('data-status', m.status ?? 'done');
      this.root.setAttribute('aria-busy', String(m.status === 'streaming'));
      const note = partialNote(m);
      if (note) this.#footer.append(element(this.#doc, 'p', { class: 'message-note' }, note));
      if (m.status === 'error' && m.error) this.#footer.append(this.#errorBlock(m.error.message, m.error.actions));
      const usage = usageLine(m);
      if (usage && m.status !== 'streaming') this.#footer.append(element(this.#doc, 'p', { class: 'message-meta' }, usage));
    }
    if (action) this.#footer.append(action);
  }

  #errorBlock(message: string, actions: ErrorAction[]): HTMLElement {
    const block = element(this.#doc, 'div', { class: 'message-error', role: 'alert' });
    const text = element(this.#doc, 'p', { class: 'message-error-text' });
    text.append(icon(this.#doc, 'error'), this.#doc.createTextNode(message));
    const buttons = element(this.#doc, 'div', { class: 'message-error-actions' });
    const specs = errorActions();
    for (const action of actions) {
      const spec = specs[action];
      if (!spec) continue;
      const button = element(this.#doc, 'button', { type: 'button', class: 'text-button', 'data-error-action': action, 'aria-label': spec.label });
      button.append(icon(this.#doc, spec.icon), this.#doc.createTextNode(spec.label));
      buttons.append(button);
    }
    block.append(text, buttons);
    return block;
  }
}
