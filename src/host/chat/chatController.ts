// The chat's front door: builds the parts of the host's chat and routes to them. Commands, the sidebar view and tests
// talk to this class only. The parts, each in its own file:
//   pageSession.ts      the open chat and the page: relay, state sync, selection chip, model
//   requestSlot.ts      the one answer in flight and the tickets that let a newer question overtake a waiting one
//   questionActions.ts  ask / edit last / retry: take the slot, change the chat, start the answer
//   answerTurn.ts       one answer's life: prompt → request → stream → settle → save → log
//   chatOperations.ts   new / open / delete / export whole chats
// Settings, the key and the selection come through RequestContext; nothing here reads secrets itself.
import * as vscode from 'vscode';
import type { Attachment, Chat, ChatMessage } from '../../common/chatTypes';
import type { ErrorAction, HostPost, PageMessage } from '../../common/protocol';
import { externalLink } from '../../common/safeLink';
import type { RequestContext } from '../requestContext';
import { ChatOperations } from './chatOperations';
import type { ChatPageHandler } from './chatViewProvider';
import { CodeBlockActions } from './codeBlockActions';
import { historyFolderOf } from './historyFolder';
import { HistoryStore } from './historyStore';
import { PageSession } from './pageSession';
import { QuestionActions } from './questionActions';
import { RequestSlot } from './requestSlot';
import { RangeTracker, type ResolvedLocation } from '../edits/rangeTracker';
import { currentWorkspaceKey } from './workspaceKey';
import { AttachedFiles } from '../context/attachedFiles';
import { CurrentFileOffer } from '../context/currentFileOffer';

export interface ChatControllerDeps {
  context: vscode.ExtensionContext;
  requests: RequestContext;
  log: vscode.LogOutputChannel;
  /** Test seams; the defaults are the real UI. `confirm` asks a modal yes/no question with `action` as the yes. */
  confirm?: (question: string, action: string) => Thenable<boolean>;
  openExternal?: (uri: vscode.Uri) => Thenable<boolean>;
  historyFolder?: string;
  /** The workspace this window's chats belong to; default: the open workspace (workspaceKey.ts). */
  workspace?: string;
}

const ERROR_ACTION_COMMANDS: Record<Exclude<ErrorAction, 'retry'>, [string, ...unknown[]]> = {
  setApiKey: ['askLlama.setApiKey'],
  chooseModel: ['askLlama.selectModel'],
  openSettings: ['workbench.action.openSettings', '@ext:ask-llama.ask-llama'],
  openMaxTokens: ['workbench.action.openSettings', 'askLlama.maxTokens'],
  showLog: ['askLlama.showLog'],
};

function askModal(question: string, action: string): Thenable<boolean> {
  return vscode.window.showWarningMessage(question, { modal: true }, action).then((choice) => choice === action);
}

export class ChatController implements vscode.Disposable, ChatPageHandler {
  readonly store: HistoryStore;
  readonly codeBlocks: CodeBlockActions;
  /** The open chat and the connection to the page; every message to the page goes through `page.send()`. */
  readonly page: PageSession;
  private readonly slot: RequestSlot;
  /** Where each question's code is now, so Apply on its answer's code goes there. */
  private readonly ranges = new RangeTracker();
  private readonly questions: QuestionActions;
  /** Files attached to the next question from the page (Add File to Chat). */
  readonly files: AttachedFiles;
  /** The active editor's file, offered to the page's next question as a chip when nothing is selected. */
  readonly currentFile: CurrentFileOffer;
  private readonly requests: RequestContext;
  private readonly chats: ChatOperations;
  private readonly log: vscode.LogOutputChannel;
  private readonly openExternal: (uri: vscode.Uri) => Thenable<boolean>;
  private disposing: Promise<void> | undefined;

  constructor(deps: ChatControllerDeps) {
    this.log = deps.log;
    this.openExternal = deps.openExternal ?? ((uri) => vscode.env.openExternal(uri));
    const confirm = deps.confirm ?? askModal;
    this.store = new HistoryStore(deps.historyFolder ?? historyFolderOf(deps.context.globalStorageUri), {
      earlierTitle: (title) => vscode.l10n.t('{0} (earlier messages)', title),
      onProblem: (message) => {
        this.log.warn(message);
        void vscode.window.showWarningMessage(vscode.l10n.t('Ask Llama chat history: {0}', message));
      },
    });
    this.codeBlocks = new CodeBlockActions({ confirmApply: (question) => confirm(question, vscode.l10n.t('Apply')) });
    this.page = new PageSession({ store: this.store, log: this.log, isBusy: () => this.slot.busy, workspace: deps.workspace ?? currentWorkspaceKey() });
    this.slot = new RequestSlot({ page: this.page });
    this.requests = deps.requests;
    this.files = new AttachedFiles((message) => {
      this.page.send(message);
      // The attached files come first in the shared budget: the current file gets what they leave.
      this.currentFile.schedule();
    });
    this.currentFile = new CurrentFileOffer({
      budget: async () => {
        const settings = await this.requests.current().catch(() => undefined);
        return settings && { maxTokens: settings.maxTokens, systemPrompt: settings.systemPrompt, contextLength: settings.contextLength };
      },
      attached: () => this.files.list,
      pageOpen: () => this.page.attached,
      send: (message) => this.page.send(message),
    });
    this.questions = new QuestionActions({
      page: this.page,
      slot: this.slot,
      store: this.store,
      requests: deps.requests,
      log: this.log,
      files: this.files,
      currentFile: () => this.currentFile.capture(),
      onQuestion: (question) => {
        if (question.attachment?.location) this.ranges.track(question.id, question.attachment.location);
      },
    });
    this.chats = new ChatOperations({ page: this.page, slot: this.slot, store: this.store, confirm });
  }

  /** Fires true when an answer starts streaming and false when it has settled. */
  get onDidChangeBusy(): vscode.Event<boolean> {
    return this.slot.onDidChangeBusy;
  }

  get busy(): boolean {
    return this.slot.busy;
  }

  /** Fires with each answer once it has settled: done, partial, stopped or error. */
  get onDidSettleAnswer(): vscode.Event<ChatMessage> {
    return this.slot.onDidSettle;
  }

  /** The chat shown in the page (read-only view for callers and tests). */
  get currentChat(): Chat {
    return this.page.openChat;
  }

  /** The files the page's next question carries. */
  get attachedFiles(): readonly Attachment[] {
    return this.files.list;
  }

  /** Attaches files to the next question from the page, fitted to the model's context window. */
  async addFiles(uris: readonly vscode.Uri[]): Promise<void> {
    const settings = await this.requests.current();
    await this.files.add(uris, { maxTokens: settings.maxTokens, systemPrompt: settings.systemPrompt, contextLength: settings.contextLength });
  }

  attachPage(post: (message: HostPost) => Thenable<boolean>): vscode.Disposable {
    return this.page.attach(post);
  }

  async handlePageMessage(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.page.syncState();
        this.files.sync();
        return this.currentFile.refresh();
      case 'send':
        return this.questions.askFromPage(message.text, message.includeSelection, message.includeCurrentFile === true);
      case 'stop':
        return this.stop();
      case 'retry':
        return this.retry();
      case 'editLast':
        return this.editLast(message.text);
      case 'newChat':
        return this.newChat();
      case 'openChat':
        return this.openChatById(message.chatId);
      case 'deleteChat':
        return this.deleteChat(message.chatId);
      case 'exportChat':
        return void (await this.exportChat(message.chatId));
      case 'chooseModel':
        return void (await vscode.commands.executeCommand('askLlama.selectModel'));
      case 'addFile':
        return void (await vscode.commands.executeCommand('askLlama.addFileToChat'));
      case 'removeFile':
        return this.files.remove(message.index);
      case 'errorAction':
        return this.runErrorAction(message.action);
      case 'codeBlock':
        return this.codeBlocks.run(message.action, message.code, message.language, await this.questionLocation(message.messageId));
      case 'openLink':
        return void (await this.openLink(message.href));
    }
  }

  /** Shows the chat view and asks `question` in the open chat. */
  async ask(question: string, attachment?: Attachment): Promise<void> {
    this.reveal();
    await this.questions.ask(question, attachment);
  }

  /**
   * Opens the chat view without taking focus, so its page loads while the user is still typing a question elsewhere.
   * In a fresh window the page takes seconds to load; started only once the answer streams, it used to be ready
   * after a short answer had ended, so nothing was seen streaming.
   */
  openViewInBackground(): void {
    this.reveal({ preserveFocus: true });
  }

  stop(): void {
    this.slot.stop();
  }

  /** Regenerates the last answer. */
  retry(): Promise<void> {
    return this.questions.retry();
  }

  /** Replaces the last question with new text (keeping its attachment) and asks again. */
  editLast(text: string): Promise<void> {
    return this.questions.editLast(text);
  }

  newChat(): Promise<void> {
    return this.chats.newChat();
  }

  /** Lists the chats of every workspace (true) or of this one only (false, the default). */
  showChatsFromAllWorkspaces(all: boolean): Promise<void> {
    return this.page.showAllWorkspaces(all);
  }

  openChatById(chatId: string): Promise<void> {
    return this.chats.open(chatId);
  }

  deleteChat(chatId: string): Promise<void> {
    return this.chats.delete(chatId);
  }

  /** Opens the chat as an untitled Markdown document, which the user can save wherever they like. */
  exportChat(chatId: string): Promise<vscode.TextDocument | undefined> {
    return this.chats.export(chatId);
  }

  /** Opens a link from an answer in the browser, only when it is a plain http(s) URL. */
  async openLink(href: string): Promise<boolean> {
    const url = externalLink(href);
    if (!url) {
      this.log.warn('Refused to open a link from an answer: only http and https links are opened.');
      return false;
    }
    return this.openExternal(vscode.Uri.parse(url, true));
  }

  /**
   * Stops the answer in flight (kept as partial) and writes every pending save. `deactivate()` returns this promise,
   * so VS Code waits for the last streamed text to reach the disk before the window closes. Safe to call twice.
   */
  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      await this.slot.stopAndWait();
      await this.store.dispose();
      this.codeBlocks.dispose();
      this.currentFile.dispose();
      this.ranges.dispose();
      this.page.dispose();
      this.slot.dispose();
    })();
    return this.disposing;
  }

  /** Where the code of the question that `answerId` answers is now, if that question came with code from a document. */
  private async questionLocation(answerId: string | undefined): Promise<ResolvedLocation | undefined> {
    const messages = this.page.openChat.messages;
    const index = answerId === undefined ? -1 : messages.findIndex((m) => m.id === answerId);
    const question = index > 0 ? messages[index - 1] : undefined;
    if (!question || question.role !== 'user') return undefined;
    return this.ranges.resolve(question.id, question.attachment?.location, question.attachment?.code);
  }

  private reveal(options?: { preserveFocus: boolean }): void {
    Promise.resolve(vscode.commands.executeCommand('askLlama.chat.focus', options)).catch((err: unknown) =>
      this.log.warn(`Could not reveal the chat view: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  private async runErrorAction(action: ErrorAction): Promise<void> {
    if (action === 'retry') return this.retry();
    const [command, ...args] = ERROR_ACTION_COMMANDS[action];
    await vscode.commands.executeCommand(command, ...args);
  }
}
