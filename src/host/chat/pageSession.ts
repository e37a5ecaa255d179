// The chat page's side of the host: which chat is open, the connection to the page (if one is attached), and keeping
// the page in step with the host — the whole state on `ready`, the chat list after changes, the selection chip and
// the configured model as they change. Every message to the page goes through `send()`.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Chat } from '../../common/chatTypes';
import type { HostMessage } from '../../common/protocol';
import { CONFIG_SECTION, readSettings } from '../config';
import type { HistoryStore } from './historyStore';
import { SelectionTracker } from './selectionTracker';

export interface PageSessionDeps {
  store: HistoryStore;
  log: vscode.LogOutputChannel;
  /** Whether an answer is streaming right now (owned by the request slot). */
  isBusy(): boolean;
}

export function emptyChat(): Chat {
  const now = Date.now();
  return { id: randomUUID(), title: '', createdAt: now, updatedAt: now, messages: [] };
}

export class PageSession implements vscode.Disposable {
  private post: ((message: HostMessage) => Thenable<boolean>) | undefined;
  private open: Chat = emptyChat();
  private restoring: Promise<void> | undefined;
  private readonly selection: SelectionTracker;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: PageSessionDeps) {
    this.selection = new SelectionTracker((selection) => this.send({ type: 'selection', selection }));
    this.disposables = [
      this.selection,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${CONFIG_SECTION}.model`)) this.send({ type: 'model', model: readSettings().model });
      }),
    ];
  }

  /** The chat shown in the page. Replace it with `show()`. */
  get openChat(): Chat {
    return this.open;
  }

  /** Connects a page; messages go to `post` until the returned disposable is disposed. */
  attach(post: (message: HostMessage) => Thenable<boolean>): vscode.Disposable {
    this.post = post;
    return new vscode.Disposable(() => {
      if (this.post === post) this.post = undefined;
    });
  }

  /** Posts one message to the page, if one is attached. Never throws and never waits. */
  send(message: HostMessage): void {
    const post = this.post;
    if (!post) return;
    // A page that is being disposed rejects; the page re-asks for the full state on `ready`.
    Promise.resolve(post(message)).catch(() => undefined);
  }

  /** After a reload the last chat the user had is shown again; read lazily so activation does not touch the disk. */
  restore(): Promise<void> {
    this.restoring ??= (async () => {
      const [latest] = await this.deps.store.list();
      if (!latest || this.open.messages.length > 0) return;
      const chat = await this.deps.store.load(latest.id);
      if (chat && this.open.messages.length === 0) this.open = chat;
    })().catch((err: unknown) => this.deps.log.error(`Could not restore the last chat: ${err instanceof Error ? err.message : String(err)}`));
    return this.restoring;
  }

  /** Opens `chat` in the page (the whole state is sent again). */
  async show(chat: Chat): Promise<void> {
    this.open = chat;
    await this.syncState();
  }

  /** Sends everything the page shows: the open chat, the chat list, the model, busy and the selection chip. */
  async syncState(): Promise<void> {
    await this.restore();
    this.send({
      type: 'state',
      chat: this.open,
      chats: await this.deps.store.list(),
      model: readSettings().model,
      busy: this.deps.isBusy(),
      selection: this.selection.selection,
    });
  }

  /** Sends the chat list alone (after a save or a delete that did not change the open chat). */
  async syncChatList(): Promise<void> {
    this.send({ type: 'chats', chats: await this.deps.store.list() });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
