// The list of past chats (`#chat-list`), toggled by `button#history`: open, export to Markdown, delete.
import type { ChatSummary } from '../../common/chatTypes';
import { clearChildren, element } from '../dom';
import { icon } from '../icons';
import { relativeDate } from './format';
import { l10n } from '../l10n';

export interface ChatHistoryEvents {
  open(chatId: string): void;
  export(chatId: string): void;
  delete(chatId: string): void;
}

export class ChatHistory {
  readonly root: HTMLElement;
  private readonly list: HTMLElement;
  private chats: ChatSummary[] = [];
  private currentId?: string;

  constructor(
    private readonly doc: Document,
    private readonly events: ChatHistoryEvents,
    private readonly now: () => number = Date.now,
  ) {
    this.list = element(doc, 'ul', { id: 'chat-list', 'aria-label': l10n.t('Past chats') });
    this.root = element(doc, 'section', { id: 'history-panel', 'aria-label': l10n.t('Chat history') }, element(doc, 'h2', {}, l10n.t('Chats')), this.list);
    this.root.hidden = true;
    this.list.addEventListener('click', (event) => this.onClick(event));
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  setOpen(open: boolean): void {
    this.root.hidden = !open;
    if (open) this.render();
  }

  setChats(chats: ChatSummary[], currentId: string | undefined): void {
    this.chats = chats;
    this.currentId = currentId;
    if (this.isOpen) this.render();
  }

  private render(): void {
    clearChildren(this.list);
    if (!this.chats.length) {
      this.list.append(element(this.doc, 'li', { class: 'chat-list-empty' }, l10n.t('No saved chats yet.')));
      return;
    }
    const sorted = [...this.chats].sort((a, b) => b.updatedAt - a.updatedAt);
    for (const chat of sorted) {
      const title = chat.title || l10n.t('Untitled chat');
      const open = element(
        this.doc,
        'button',
        { type: 'button', class: 'chat-open', 'data-chat-action': 'open', 'aria-current': chat.id === this.currentId ? 'true' : undefined },
        element(this.doc, 'span', { class: 'chat-title' }, title),
        element(this.doc, 'span', { class: 'chat-info' }, `${chat.messageCount} messages · ${relativeDate(chat.updatedAt, this.now())}`),
      );
      const item = element(this.doc, 'li', { class: 'chat-item', 'data-chat-id': chat.id }, open, this.actionButton('export', l10n.t('Export “{0}” to Markdown', title)), this.actionButton('delete', l10n.t('Delete “{0}”', title)));
      this.list.append(item);
    }
  }

  private actionButton(action: 'export' | 'delete', label: string): HTMLButtonElement {
    const button = element(this.doc, 'button', { type: 'button', class: 'icon-button', 'data-chat-action': action, 'aria-label': label, title: label });
    button.append(icon(this.doc, action === 'export' ? 'export' : 'trash'));
    return button;
  }

  private onClick(event: Event): void {
    const target = event.target as Element | null;
    const button = target?.closest('button[data-chat-action]');
    const chatId = button?.closest('[data-chat-id]')?.getAttribute('data-chat-id');
    if (!button || !chatId) return;
    const action = button.getAttribute('data-chat-action');
    if (action === 'open') {
      this.events.open(chatId);
      this.setOpen(false);
    } else if (action === 'export') this.events.export(chatId);
    else if (action === 'delete') this.events.delete(chatId);
  }
}
