// Operations on whole chats from the history: start a new one, open, delete (after asking) and export as Markdown.
// Any of them that changes the open chat first drops waiting questions and stops the answer in flight.
import * as vscode from 'vscode';
import { chatToMarkdown } from '../../common/chatMarkdown';
import { isChatId } from '../../common/pageMessageGuard';
import type { HistoryStore } from './historyStore';
import type { PageSession } from './pageSession';
import type { RequestSlot } from './requestSlot';

export interface ChatOperationsDeps {
  page: PageSession;
  slot: RequestSlot;
  store: HistoryStore;
  /** Asks a modal yes/no question with `action` as the yes. */
  confirm(question: string, action: string): Thenable<boolean>;
}

export class ChatOperations {
  constructor(private readonly deps: ChatOperationsDeps) {}

  async newChat(): Promise<void> {
    await this.deps.page.restore();
    await this.deps.slot.clear();
    await this.deps.page.show(this.deps.page.blankChat());
  }

  async open(chatId: string): Promise<void> {
    if (!isChatId(chatId)) return;
    const { page, slot, store } = this.deps;
    await page.restore();
    if (chatId === page.openChat.id) return page.syncState();
    const loaded = await store.load(chatId);
    if (!loaded) return page.syncChatList();
    await slot.clear();
    await page.show(loaded);
  }

  async delete(chatId: string): Promise<void> {
    if (!isChatId(chatId)) return;
    const { page, slot, store } = this.deps;
    await page.restore();
    const title = chatId === page.openChat.id ? page.openChat.title : (await store.list('all')).find((c) => c.id === chatId)?.title;
    const question = vscode.l10n.t('Delete the chat "{0}"? This cannot be undone.', title || vscode.l10n.t('New chat'));
    if (!(await this.deps.confirm(question, vscode.l10n.t('Delete')))) return;
    if (slot.current?.chat.id === chatId) await slot.clear();
    await store.delete(chatId);
    if (page.openChat.id === chatId) await page.show(page.blankChat());
    else await page.syncChatList();
  }

  /** Opens the chat as an untitled Markdown document, which the user can save wherever they like. */
  async export(chatId: string): Promise<vscode.TextDocument | undefined> {
    const { page, store } = this.deps;
    await page.restore();
    const chat = chatId === page.openChat.id ? page.openChat : await store.load(chatId);
    if (!chat) return undefined;
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: chatToMarkdown(chat) });
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  }
}
