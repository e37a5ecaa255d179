// The chat page's side of the host: which chat is open, the connection to the page (if one is attached), and keeping
// the page in step with the host — the whole state on `ready`, the chat list after changes, the selection chip and
// the configured model and server as they change. Every message to the page goes through `send()`.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Chat } from '../../common/chatTypes';
import type { HostMessage, HostPost } from '../../common/protocol';
import { affectsModelOrBaseUrl, readSettings, shownHost } from '../config';
import type { ChatScope, HistoryStore } from './historyStore';
import { SelectionTracker } from './selectionTracker';

export interface PageSessionDeps {
  store: HistoryStore;
  log: vscode.LogOutputChannel;
  /** Whether an answer is streaming right now (owned by the request slot). */
  isBusy(): boolean;
  /** The workspace new chats belong to (workspaceKey.ts); the chat list shows its chats unless all are asked for. */
  workspace: string;
}

/** The model questions go to, and the server's host when it is not the default. */
function modelMessage(): Extract<HostMessage, { type: 'model' }> {
  const { model, baseUrl } = readSettings();
  return { type: 'model', model, host: shownHost(baseUrl) };
}

export function emptyChat(workspace: string): Chat {
  const now = Date.now();
  return { id: randomUUID(), title: '', createdAt: now, updatedAt: now, messages: [], workspace };
}

export class PageSession implements vscode.Disposable {
  private post: ((message: HostPost) => Thenable<boolean>) | undefined;
  /** Messages sent in this turn of the event loop, posted together when it ends (see HostPost). */
  private outbox: HostMessage[] = [];
  private open: Chat;
  private restoring: Promise<void> | undefined;
  private allWorkspaces = false;
  private readonly selection: SelectionTracker;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: PageSessionDeps) {
    this.open = emptyChat(deps.workspace);
    this.selection = new SelectionTracker((selection) => this.send({ type: 'selection', selection }));
    this.disposables = [
      this.selection,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsModelOrBaseUrl(e)) this.send(modelMessage());
      }),
    ];
  }

  /** The chat shown in the page. Replace it with `show()`. */
  get openChat(): Chat {
    return this.open;
  }

  /** Connects a page; messages go to `post` until the returned disposable is disposed. */
  attach(post: (message: HostPost) => Thenable<boolean>): vscode.Disposable {
    this.post = post;
    return new vscode.Disposable(() => {
      if (this.post === post) this.post = undefined;
    });
  }

  /** Whether a page is attached (messages sent now reach it). */
  get attached(): boolean {
    return this.post !== undefined;
  }

  /**
   * Posts one message to the page, if one is attached, together with the others sent in the same turn of the event
   * loop (a microtask later, in order). Streamed text goes at once, with what was sent before it: it is never held
   * behind what follows it (an answer's end carries the whole answer, 100 KB and more). Never throws and never waits.
   */
  send(message: HostMessage): void {
    if (!this.post) return;
    const first = this.outbox.push(message) === 1;
    if (message.type === 'delta') this.postOutbox();
    else if (first) queueMicrotask(() => this.postOutbox());
    // An answer starts: the server may have changed without a settings change (a workspace server just approved).
    if (message.type === 'busy' && message.busy) this.send(modelMessage());
  }

  private postOutbox(): void {
    const messages = this.outbox;
    this.outbox = [];
    const post = this.post;
    if (!post || messages.length === 0) return;
    // A page that is being disposed rejects; the page re-asks for the full state on `ready`.
    Promise.resolve(post(messages.length === 1 ? messages[0] : { type: 'batch', messages })).catch(() => undefined);
  }

  /** Which chats the list shows: this workspace's (and older chats saved without one), or every workspace's. */
  get scope(): ChatScope {
    return this.allWorkspaces ? 'all' : { workspace: this.deps.workspace };
  }

  /** A new, empty chat of this window's workspace. */
  blankChat(): Chat {
    return emptyChat(this.deps.workspace);
  }

  /** Switches the chat list between this workspace's chats and all of them. */
  async showAllWorkspaces(all: boolean): Promise<void> {
    this.allWorkspaces = all;
    void vscode.commands.executeCommand('setContext', 'askLlama.allWorkspaceChats', all);
    await this.syncChatList();
  }

  /**
   * After a reload the last chat the user had in this workspace is shown again; read lazily so activation does not
   * touch the disk.
   */
  restore(): Promise<void> {
    this.restoring ??= (async () => {
      const [latest] = await this.deps.store.list({ workspace: this.deps.workspace });
      if (!latest || this.open.messages.length > 0) return;
      const chat = await this.deps.store.load(latest.id);
      if (chat && this.open.messages.length === 0) this.open = chat;
    })().catch((err: unknown) => this.deps.log.error(`Could not restore the last chat: ${err instanceof Error ? err.message : String(err)}`));
    return this.restoring;
  }

  /** Opens `chat` in the page (the whole state is sent again). */
  async show(chat: Chat): Promise<void> {
    this.open = chat;
    await this.sendState();
  }

  /**
   * Sends everything the page shows (the open chat, the chat list, the model, busy and the selection chip), with the
   * open chat as it is on disk now: another window may have added turns to it since this window last showed it.
   */
  async syncState(): Promise<void> {
    await this.restore();
    await this.reloadOpenChat();
    await this.sendState();
  }

  /** Before a question: picks up turns another window added to the open chat, and shows them if there are any. */
  async refreshOpenChat(): Promise<void> {
    if (await this.reloadOpenChat()) await this.sendState();
  }

  /** Sends the chat list alone (after a save or a delete that did not change the open chat). */
  async syncChatList(): Promise<void> {
    this.send({ type: 'chats', chats: await this.deps.store.list(this.scope) });
  }

  private async sendState(): Promise<void> {
    const { model, host } = modelMessage();
    this.send({
      type: 'state',
      chat: this.open,
      chats: await this.deps.store.list(this.scope),
      model,
      host,
      busy: this.deps.isBusy(),
      selection: this.selection.selection,
    });
  }

  /**
   * Re-reads the open chat from disk unless an answer is streaming into it (another window may have added turns, or
   * deleted it: then a blank chat opens). Resolves true when the open chat changed.
   */
  private async reloadOpenChat(): Promise<boolean> {
    const open = this.open;
    if (open.messages.length === 0 || this.deps.isBusy()) return false;
    const onDisk = await this.deps.store.load(open.id);
    if (this.open !== open || this.deps.isBusy()) return false; // the user moved on meanwhile
    if (onDisk && onDisk.title === open.title && JSON.stringify(onDisk.messages) === JSON.stringify(open.messages)) return false;
    this.open = onDisk ?? this.blankChat();
    return true;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
