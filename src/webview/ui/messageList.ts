// The conversation (`#messages`, a log region). Streams deltas into the right answer with one paint per animation
// frame, shows long saved chats fast (newest messages first, older ones filled in when idle), keeps the view
// pinned to the bottom while the user is there, and announces each finished answer to screen readers.
// Private members are #fields, which the minifier shortens (the page bundle has a size budget).
import type { Chat, ChatMessage } from '../../common/chatTypes';
import { clearChildren, element } from '../dom';
import { createEmptyState } from './emptyState';
import { MessageView, type PaintBudget } from './messageView';
import type { Schedulers } from './webviewApi';
import { l10n } from '../l10n';

/** Messages rendered right away when a chat is shown; the rest are rendered in idle slices above them. */
export const FIRST_PAINT_MESSAGES = 6;
export const IDLE_SLICE_MESSAGES = 10;
/** Within this many pixels of the bottom counts as "at the bottom": new text keeps the view scrolled down. */
const STICKY_PX = 24;
/**
 * Painting answers stops for the frame after this long or this many characters (the browser's layout of new text
 * comes on top of the script's time); the rest is painted on the next frames.
 */
const PAINT_BUDGET_MS = 10;
const PAINT_BUDGET_CHARS = 16 * 1024;
/** A screen reader does not need more than this of one answer read out unprompted. */
const MAX_ANNOUNCED_CHARS = 8000;

export interface MessageListEvents {
  retry(): void;
  /** The user wants to edit and resend the last question: load it into the input. */
  beginEdit(text: string): void;
  scrolled(): void;
}

export class MessageList {
  readonly root: HTMLElement;
  readonly announcer: HTMLElement;
  #chatId?: string;
  #views: MessageView[] = [];
  /** Oldest messages of the open chat not rendered yet (rendered when idle). */
  #unrendered: ChatMessage[] = [];
  #renderGeneration = 0;
  #paintRequested = false;
  /** A paint ran since the last animation frame: further deltas wait for the next frame (one paint per frame). */
  #paintedSinceFrame = false;
  #busy = false;
  #stickToBottom = true;
  /** An answer that finished while some of it was still unpainted: announced once it is painted. */
  #toAnnounce?: MessageView;
  readonly #doc: Document;
  readonly #schedulers: Schedulers;
  readonly #events: MessageListEvents;

  constructor(doc: Document, schedulers: Schedulers, events: MessageListEvents) {
    this.#doc = doc;
    this.#schedulers = schedulers;
    this.#events = events;
    this.root = element(doc, 'main', { id: 'messages', role: 'log', 'aria-live': 'off', 'aria-label': l10n.t('Conversation'), tabindex: '0' });
    this.announcer = element(doc, 'div', { id: 'announcer', class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.root.addEventListener('scroll', () => {
      this.#stickToBottom = this.distanceFromBottom() <= STICKY_PX;
      this.#events.scrolled();
    });
  }

  get openChatId(): string | undefined {
    return this.#chatId;
  }

  /** Shows a whole chat (on `state`). */
  show(chat: Chat): void {
    const generation = ++this.#renderGeneration;
    this.#chatId = chat.id;
    this.#views = [];
    clearChildren(this.root);
    const firstShown = Math.max(0, chat.messages.length - FIRST_PAINT_MESSAGES);
    this.#unrendered = chat.messages.slice(0, firstShown);
    for (const message of chat.messages.slice(firstShown)) this.#appendView(message);
    this.#refreshChrome();
    this.#stickToBottom = true;
    this.#paintViews();
    this.#scrollToBottom();
    if (this.#unrendered.length) this.#schedulers.idle(() => this.#renderOlderSlice(generation));
  }

  add(chatId: string, message: ChatMessage): void {
    if (chatId !== this.#chatId || this.#findView(message.id)) return;
    this.#appendView(message);
    this.#refreshChrome();
    this.#scrollIfSticky();
    this.#requestPaintIfNeeded();
  }

  delta(chatId: string, messageId: string, text: string): void {
    if (chatId !== this.#chatId) return;
    const view = this.#findView(messageId);
    if (!view) return;
    view.appendDelta(text);
    this.#paintSoon();
  }

  update(chatId: string, message: ChatMessage): void {
    if (chatId !== this.#chatId) return;
    const view = this.#findView(message.id);
    if (!view) {
      const older = this.#unrendered.findIndex((m) => m.id === message.id);
      if (older >= 0) this.#unrendered[older] = message;
      else this.add(chatId, message);
      return;
    }
    const wasStreaming = view.isStreaming;
    view.update(message);
    if (wasStreaming && message.role === 'assistant' && message.status !== 'streaming') {
      if (view.needsPaint) this.#toAnnounce = view;
      else this.#announce(view);
    }
    this.#refreshChrome();
    this.#scrollIfSticky();
    this.#requestPaintIfNeeded();
  }

  /** Keeps the first `keepCount` messages of the chat. */
  truncate(chatId: string, keepCount: number): void {
    if (chatId !== this.#chatId) return;
    const keepRendered = Math.max(0, keepCount - this.#unrendered.length);
    this.#unrendered = this.#unrendered.slice(0, keepCount);
    for (const view of this.#views.slice(keepRendered)) view.root.remove();
    this.#views = this.#views.slice(0, keepRendered);
    this.#refreshChrome();
  }

  setBusy(busy: boolean): void {
    this.#busy = busy;
    this.#refreshChrome();
  }

  lastQuestion(): string | undefined {
    for (let i = this.#views.length - 1; i >= 0; i--) if (this.#views[i].role === 'user') return this.#views[i].text;
    return undefined;
  }

  distanceFromBottom(): number {
    const distance = this.root.scrollHeight - this.root.scrollTop - this.root.clientHeight;
    return Number.isFinite(distance) ? Math.max(0, distance) : 0;
  }

  restoreDistanceFromBottom(distance: number): void {
    this.root.scrollTop = Math.max(0, this.root.scrollHeight - this.root.clientHeight - distance);
    this.#stickToBottom = distance <= STICKY_PX;
  }

  #appendView(message: ChatMessage): void {
    const view = new MessageView(this.#doc, message);
    this.#views.push(view);
    this.root.append(view.root);
  }

  #findView(id: string): MessageView | undefined {
    for (let i = this.#views.length - 1; i >= 0; i--) if (this.#views[i].id === id) return this.#views[i];
    return undefined;
  }

  /**
   * A delta after a frame without a paint (an answer's first token, or a slow stream's next one) is painted at once,
   * so the browser shows it in its next frame rather than one frame later; while deltas keep coming, they wait for
   * the frame: one paint per animation frame however many deltas arrived in it.
   */
  #paintSoon(): void {
    if (this.#paintRequested || this.#paintedSinceFrame) {
      this.#requestPaint();
      return;
    }
    this.#paintedSinceFrame = true;
    this.#paintViews();
    this.#scrollIfSticky();
    this.#requestPaint(); // the frame that ends this paint's frame (and paints what is left, if anything)
  }

  #requestPaint(): void {
    if (this.#paintRequested) return;
    this.#paintRequested = true;
    this.#schedulers.frame(() => {
      this.#paintRequested = false;
      this.#paintedSinceFrame = this.#views.some((view) => view.needsPaint);
      if (!this.#paintedSinceFrame) return;
      this.#paintViews();
      this.#scrollIfSticky();
      this.#requestPaint(); // one more frame, so that a delta arriving before it waits for it
    });
  }

  #requestPaintIfNeeded(): void {
    if (this.#views.some((view) => view.needsPaint)) this.#requestPaint();
  }

  /**
   * Paints waiting answer text, newest answer first, within PAINT_BUDGET_MS and PAINT_BUDGET_CHARS; what is left is
   * painted on the next frame. A long saved answer thus opens over several frames instead of blocking the page in one task.
   */
  #paintViews(): void {
    const budget: PaintBudget = { deadline: performance.now() + PAINT_BUDGET_MS, chars: PAINT_BUDGET_CHARS };
    let more = false;
    for (let i = this.#views.length - 1; i >= 0; i--) {
      const view = this.#views[i];
      if (!view.needsPaint) continue;
      if (view.paint(budget)) {
        more = true;
      } else if (view === this.#toAnnounce) {
        this.#toAnnounce = undefined;
        this.#announce(view);
      }
    }
    if (more) this.#requestPaint();
  }

  #renderOlderSlice(generation: number): void {
    if (generation !== this.#renderGeneration || !this.#unrendered.length) return;
    const slice = this.#unrendered.splice(Math.max(0, this.#unrendered.length - IDLE_SLICE_MESSAGES));
    const fromBottom = this.distanceFromBottom();
    const views = slice.map((message) => new MessageView(this.#doc, message));
    const anchor = this.root.querySelector('.message');
    for (const view of views) this.root.insertBefore(view.root, anchor);
    this.#views = [...views, ...this.#views];
    // Content was added above: keep what the user is looking at where it was.
    this.restoreDistanceFromBottom(fromBottom);
    this.#requestPaintIfNeeded();
    if (this.#unrendered.length) this.#schedulers.idle(() => this.#renderOlderSlice(generation));
  }

  /** Empty state, and the Retry / Edit buttons on the last answer and question. */
  #refreshChrome(): void {
    const empty = this.root.querySelector('.empty-state');
    const hasMessages = this.#views.length + this.#unrendered.length > 0;
    if (!hasMessages && !empty) this.root.append(createEmptyState(this.#doc));
    if (hasMessages && empty) empty.remove();

    let lastAnswer: MessageView | undefined;
    let lastQuestion: MessageView | undefined;
    const last = this.#views[this.#views.length - 1];
    for (let i = this.#views.length - 1; i >= 0 && (!lastAnswer || !lastQuestion); i--) {
      const view = this.#views[i];
      if (view.role === 'assistant') lastAnswer ??= view;
      else lastQuestion ??= view;
    }
    for (const view of this.#views) {
      const offerRetry = !this.#busy && view === lastAnswer && view === last;
      const offerEdit = !this.#busy && view === lastQuestion;
      view.showLastAction(
        view.role === 'assistant' ? offerRetry : offerEdit,
        view.role === 'assistant' ? () => this.#events.retry() : () => this.#events.beginEdit(view.text),
      );
    }
  }

  #announce(view: MessageView): void {
    const text = view.spokenText.trim();
    this.announcer.textContent = l10n.t('Llama answered: {0}', text.length > MAX_ANNOUNCED_CHARS ? `${text.slice(0, MAX_ANNOUNCED_CHARS)}…` : text);
  }

  #scrollIfSticky(): void {
    if (this.#stickToBottom) this.#scrollToBottom();
  }

  #scrollToBottom(): void {
    this.root.scrollTop = this.root.scrollHeight;
  }
}
