// Owns the open chat and the one request in flight: turns questions into requests, streams answers to the page,
// and keeps the history on disk. Settings, the key and the selection come through RequestContext; this file never
// reads secrets itself.
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ApiError, chat as sendChat } from '../../api';
import type { Attachment, Chat, ChatMessage } from '../../common/chatTypes';
import { chatToMarkdown } from '../../common/chatMarkdown';
import { titleFromQuestion } from '../../common/chatTitle';
import { isChatId } from '../../common/pageMessageGuard';
import { redactSecrets } from '../../common/redact';
import { buildPrompt } from '../../common/prompt';
import type { ErrorAction, HostMessage, PageMessage } from '../../common/protocol';
import { externalLink } from '../../common/safeLink';
import type { RequestContext, RequestSettings } from '../requestContext';
import type { ChatPageHandler } from './chatViewProvider';
import { CodeBlockActions } from './codeBlockActions';
import { HistoryStore } from './historyStore';
import { logRequest, type RequestRecord } from './requestLog';
import { SelectionTracker } from './selectionTracker';

export interface ChatControllerDeps {
  context: vscode.ExtensionContext;
  requests: RequestContext;
  log: vscode.LogOutputChannel;
  /** Test seams; the defaults are the real UI. `confirm` asks a modal yes/no question with `action` as the yes. */
  confirm?: (question: string, action: string) => Thenable<boolean>;
  openExternal?: (uri: vscode.Uri) => Thenable<boolean>;
  historyFolder?: string;
}

interface InFlight {
  chat: Chat;
  answer: ChatMessage;
  abort: AbortController;
  stoppedByUser: boolean;
  settled: Promise<void>;
}

const ERROR_ACTION_COMMANDS: Record<Exclude<ErrorAction, 'retry'>, [string, ...unknown[]]> = {
  setApiKey: ['askLlama.setApiKey'],
  chooseModel: ['askLlama.selectModel'],
  openSettings: ['workbench.action.openSettings', '@ext:ask-llama.ask-llama'],
  showLog: ['askLlama.showLog'],
};

function askModal(question: string, action: string): Thenable<boolean> {
  return vscode.window.showWarningMessage(question, { modal: true }, action).then((choice) => choice === action);
}

function emptyChat(): Chat {
  const now = Date.now();
  return { id: randomUUID(), title: '', createdAt: now, updatedAt: now, messages: [] };
}

export class ChatController implements vscode.Disposable, ChatPageHandler {
  private readonly busyEmitter = new vscode.EventEmitter<boolean>();
  readonly onDidChangeBusy: vscode.Event<boolean> = this.busyEmitter.event;

  readonly store: HistoryStore;
  readonly codeBlocks: CodeBlockActions;
  private readonly requests: RequestContext;
  private readonly log: vscode.LogOutputChannel;
  private readonly openExternal: (uri: vscode.Uri) => Thenable<boolean>;
  private readonly confirm: (question: string, action: string) => Thenable<boolean>;
  private readonly selection: SelectionTracker;
  private readonly disposables: vscode.Disposable[] = [];
  private post: ((message: HostMessage) => Thenable<boolean>) | undefined;
  private openChat: Chat = emptyChat();
  private restoring: Promise<void> | undefined;
  private inFlight: InFlight | undefined;
  /** Increases with every question; a question overtaken by a newer one while it waited is dropped. */
  private latestTicket = 0;

  constructor(deps: ChatControllerDeps) {
    this.requests = deps.requests;
    this.log = deps.log;
    this.openExternal = deps.openExternal ?? ((uri) => vscode.env.openExternal(uri));
    this.store = new HistoryStore(deps.historyFolder ?? path.join(deps.context.globalStorageUri.fsPath, 'chats'), {
      onProblem: (message) => {
        this.log.warn(message);
        void vscode.window.showWarningMessage(vscode.l10n.t('Ask Llama chat history: {0}', message));
      },
    });
    this.confirm = deps.confirm ?? askModal;
    this.codeBlocks = new CodeBlockActions({ confirmApply: (question) => this.confirm(question, vscode.l10n.t('Apply')) });
    this.selection = new SelectionTracker((selection) => this.send({ type: 'selection', selection }));
    this.disposables.push(
      this.codeBlocks,
      this.selection,
      this.busyEmitter,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('askLlama.model')) this.send({ type: 'model', model: this.configuredModel() });
      }),
    );
  }

  get busy(): boolean {
    return this.inFlight !== undefined;
  }

  /** The chat shown in the page (read-only view for callers and tests). */
  get currentChat(): Chat {
    return this.openChat;
  }

  attachPage(post: (message: HostMessage) => Thenable<boolean>): vscode.Disposable {
    this.post = post;
    return new vscode.Disposable(() => {
      if (this.post === post) this.post = undefined;
    });
  }

  async handlePageMessage(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.sendState();
      case 'send':
        return this.sendFromPage(message.text, message.includeSelection);
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
      case 'errorAction':
        return this.runErrorAction(message.action);
      case 'codeBlock':
        return this.codeBlocks.run(message.action, message.code, message.language);
      case 'openLink':
        return void (await this.openLink(message.href));
    }
  }

  async ask(question: string, attachment?: Attachment): Promise<void> {
    this.reveal();
    await this.askInOpenChat(question, attachment);
  }

  stop(): void {
    if (!this.inFlight) return;
    this.inFlight.stoppedByUser = true;
    this.inFlight.abort.abort();
  }

  async newChat(): Promise<void> {
    await this.restore();
    ++this.latestTicket;
    await this.stopAndWait();
    this.openChat = emptyChat();
    await this.sendState();
  }

  /** Regenerates the last answer. */
  async retry(): Promise<void> {
    const settings = await this.takeTurn();
    if (!settings) return;
    const chat = this.openChat;
    const questionIndex = this.lastQuestionIndex(chat);
    if (questionIndex < 0) return;
    this.truncate(chat, questionIndex + 1);
    await this.answer(chat, settings);
  }

  /** Replaces the last question with new text (keeping its attachment) and asks again. */
  async editLast(text: string): Promise<void> {
    if (!text.trim()) return;
    const settings = await this.takeTurn(text);
    if (!settings) return;
    const chat = this.openChat;
    const questionIndex = this.lastQuestionIndex(chat);
    if (questionIndex < 0) return;
    const attachment = chat.messages[questionIndex].attachment;
    this.truncate(chat, questionIndex);
    this.addQuestion(chat, text, attachment);
    await this.answer(chat, settings);
  }

  async openChatById(chatId: string): Promise<void> {
    if (!isChatId(chatId)) return;
    await this.restore();
    if (chatId !== this.openChat.id) {
      const loaded = await this.store.load(chatId);
      if (!loaded) {
        this.send({ type: 'chats', chats: await this.store.list() });
        return;
      }
      ++this.latestTicket;
      await this.stopAndWait();
      this.openChat = loaded;
    }
    await this.sendState();
  }

  async deleteChat(chatId: string): Promise<void> {
    if (!isChatId(chatId)) return;
    await this.restore();
    const title = chatId === this.openChat.id ? this.openChat.title : (await this.store.list()).find((c) => c.id === chatId)?.title;
    const question = vscode.l10n.t('Delete the chat "{0}"? This cannot be undone.', title || vscode.l10n.t('New chat'));
    if (!(await this.confirm(question, vscode.l10n.t('Delete')))) return;
    if (this.inFlight?.chat.id === chatId) {
      ++this.latestTicket;
      await this.stopAndWait();
    }
    await this.store.delete(chatId);
    if (this.openChat.id === chatId) {
      this.openChat = emptyChat();
      await this.sendState();
    } else {
      this.send({ type: 'chats', chats: await this.store.list() });
    }
  }

  /** Opens the chat as an untitled Markdown document, which the user can save wherever they like. */
  async exportChat(chatId: string): Promise<vscode.TextDocument | undefined> {
    await this.restore();
    const chat = chatId === this.openChat.id ? this.openChat : await this.store.load(chatId);
    if (!chat) return undefined;
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: chatToMarkdown(chat) });
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
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

  async dispose(): Promise<void> {
    this.stop();
    await this.inFlight?.settled;
    await this.store.dispose();
    for (const d of this.disposables) d.dispose();
  }

  // --- questions and answers ---------------------------------------------------------------------------------

  private async sendFromPage(text: string, includeSelection: boolean): Promise<void> {
    if (!text.trim()) {
      this.send({ type: 'focusInput', text });
      return;
    }
    let attachment: Attachment | undefined;
    if (includeSelection) {
      const captured = await this.requests.captureSelection();
      if (captured === null) {
        this.send({ type: 'focusInput', text });
        return;
      }
      attachment = captured;
    }
    await this.askInOpenChat(text, attachment);
  }

  private async askInOpenChat(text: string, attachment: Attachment | undefined): Promise<void> {
    const settings = await this.takeTurn(text);
    if (!settings) return;
    const chat = this.openChat;
    this.addQuestion(chat, text, attachment);
    await this.answer(chat, settings);
  }

  /**
   * Everything a new request waits for, in order: the restored chat, the settings (the user may be asked for a key),
   * and the end of the answer in flight (kept as partial). Undefined when the user backed out or a newer request
   * overtook this one while it waited; the question's text, if any, then goes back to the input rather than vanishing.
   */
  private async takeTurn(questionText?: string): Promise<RequestSettings | undefined> {
    await this.restore();
    const ticket = ++this.latestTicket;
    const settings = await this.requests.prepare();
    if (settings) await this.stopAndWait();
    if (settings && ticket === this.latestTicket) return settings;
    if (questionText !== undefined) this.send({ type: 'focusInput', text: questionText });
    return undefined;
  }

  /** Streams an answer to the last message of `chat` (a question). Resolves when the answer has settled and is saved. */
  private async answer(chat: Chat, settings: RequestSettings): Promise<void> {
    const question = chat.messages[chat.messages.length - 1];
    const prompt = buildPrompt({
      systemPrompt: settings.systemPrompt,
      history: chat.messages.slice(0, -1),
      question: question.text,
      attachment: question.attachment,
      contextLength: settings.contextLength,
      maxTokens: settings.maxTokens,
    });
    if (prompt.omittedMessages > 0) {
      this.send({
        type: 'notice',
        level: 'info',
        text: vscode.l10n.t("{0} older message(s) were left out to fit the model's context window.", prompt.omittedMessages),
      });
    }
    const answer: ChatMessage = { id: randomUUID(), role: 'assistant', text: '', createdAt: Date.now(), status: 'streaming', model: settings.model };
    chat.messages.push(answer);
    chat.updatedAt = answer.createdAt;
    this.send({ type: 'messageAdded', chatId: chat.id, message: answer });

    let settle!: () => void;
    const flight: InFlight = { chat, answer, abort: new AbortController(), stoppedByUser: false, settled: new Promise<void>((r) => (settle = r)) };
    this.inFlight = flight;
    this.setBusy(true);
    // Saved now so that the question survives a crash; the write is queued, never awaited by the stream.
    void this.store.save(chat);

    const started = Date.now();
    let firstTokenAt: number | undefined;
    let retries = 0;
    const record: RequestRecord = { model: settings.model, baseUrl: settings.baseUrl, outcome: 'done', totalMs: 0, retries: 0 };
    this.log.trace(`Chat request messages: ${redactSecrets(JSON.stringify(prompt.messages), settings.apiKey)}`);
    try {
      const result = await sendChat(
        {
          baseUrl: settings.baseUrl,
          apiKey: settings.apiKey,
          model: settings.model,
          messages: prompt.messages,
          temperature: settings.temperature,
          maxTokens: prompt.budget.maxTokens,
          stream: true,
          timeoutMs: settings.timeoutMs,
          idleTimeoutMs: settings.timeoutMs,
        },
        {
          signal: flight.abort.signal,
          onDelta: (text) => {
            if (!text) return;
            firstTokenAt ??= Date.now();
            answer.text += text;
            this.send({ type: 'delta', chatId: chat.id, messageId: answer.id, text });
            this.store.scheduleSave(chat);
          },
          onRetry: ({ attempt, delayMs, error }) => {
            retries = attempt;
            this.log.info(`Retrying the request (attempt ${attempt}) in ${delayMs} ms after ${error.kind}${error.status ? ` ${error.status}` : ''}.`);
          },
        },
      );
      // A server that ignored `stream: true` answers in one piece, without deltas.
      if (result.text && result.text.length > answer.text.length) answer.text = result.text;
      answer.status = flight.stoppedByUser ? 'partial' : 'done';
      answer.usage = result.usage;
      answer.finishReason = result.finishReason;
      if (result.model) answer.model = result.model;
      record.outcome = flight.stoppedByUser ? 'stopped' : 'done';
      record.usage = result.usage;
      record.requestId = result.requestId;
    } catch (err) {
      const kind = err instanceof ApiError ? err.kind : undefined;
      record.errorKind = kind ?? 'unexpected';
      record.status = err instanceof ApiError ? err.status : undefined;
      record.requestId = err instanceof ApiError ? err.requestId : undefined;
      if (flight.stoppedByUser || kind === 'cancelled') {
        answer.status = 'partial';
        record.outcome = 'stopped';
      } else if (kind === 'truncated') {
        answer.status = 'partial';
        answer.error = this.requests.describeError(err);
        record.outcome = 'partial';
      } else {
        answer.status = 'error';
        answer.error = this.requests.describeError(err);
        record.outcome = 'error';
        this.log.warn(`Chat request failed: ${redactSecrets(err instanceof Error ? err.message : String(err), settings.apiKey)}`);
      }
    }
    const finished = Date.now();
    answer.durationMs = finished - started;
    chat.updatedAt = finished;
    this.send({ type: 'messageUpdated', chatId: chat.id, message: answer });
    const saving = this.store.save(chat);
    this.inFlight = undefined;
    this.setBusy(false);
    settle();
    logRequest(this.log, { ...record, retries, totalMs: answer.durationMs, timeToFirstTokenMs: firstTokenAt === undefined ? undefined : firstTokenAt - started });
    this.log.trace(`Chat answer (${answer.status}): ${answer.text}`);
    await saving;
    this.send({ type: 'chats', chats: await this.store.list() });
  }

  private addQuestion(chat: Chat, text: string, attachment: Attachment | undefined): void {
    const message: ChatMessage = { id: randomUUID(), role: 'user', text, createdAt: Date.now(), ...(attachment ? { attachment } : {}) };
    if (chat.messages.length === 0) chat.title = titleFromQuestion(text, vscode.l10n.t('New chat'));
    chat.messages.push(message);
    chat.updatedAt = message.createdAt;
    this.send({ type: 'messageAdded', chatId: chat.id, message });
  }

  private truncate(chat: Chat, keepCount: number): void {
    chat.messages.length = keepCount;
    this.send({ type: 'messagesTruncated', chatId: chat.id, keepCount });
  }

  private lastQuestionIndex(chat: Chat): number {
    for (let i = chat.messages.length - 1; i >= 0; i--) if (chat.messages[i].role === 'user') return i;
    return -1;
  }

  /** Stops the answer in flight (kept as partial) and waits until it has settled; loops in case another started. */
  private async stopAndWait(): Promise<void> {
    while (this.inFlight) {
      const flight = this.inFlight;
      this.stop();
      await flight.settled;
    }
  }

  // --- page, view and UI ---------------------------------------------------------------------------------------

  /** After a reload the last chat the user had is shown again; read lazily so activation does not touch the disk. */
  private restore(): Promise<void> {
    this.restoring ??= (async () => {
      const [latest] = await this.store.list();
      if (!latest || this.openChat.messages.length > 0) return;
      const chat = await this.store.load(latest.id);
      if (chat && this.openChat.messages.length === 0) this.openChat = chat;
    })().catch((err: unknown) => this.log.error(`Could not restore the last chat: ${err instanceof Error ? err.message : String(err)}`));
    return this.restoring;
  }

  private async sendState(): Promise<void> {
    await this.restore();
    this.send({
      type: 'state',
      chat: this.openChat,
      chats: await this.store.list(),
      model: this.configuredModel(),
      busy: this.busy,
      selection: this.selection.selection,
    });
  }

  private send(message: HostMessage): void {
    const post = this.post;
    if (!post) return;
    // A page that is being disposed rejects; the page re-asks for the full state on `ready`.
    Promise.resolve(post(message)).catch(() => undefined);
  }

  private setBusy(busy: boolean): void {
    void vscode.commands.executeCommand('setContext', 'askLlama.busy', busy);
    this.busyEmitter.fire(busy);
    this.send({ type: 'busy', busy });
  }

  private configuredModel(): string {
    return vscode.workspace.getConfiguration('askLlama').get<string>('model') ?? '';
  }

  private reveal(): void {
    Promise.resolve(vscode.commands.executeCommand('askLlama.chat.focus')).catch((err: unknown) =>
      this.log.warn(`Could not reveal the chat view: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  private async runErrorAction(action: ErrorAction): Promise<void> {
    if (action === 'retry') return this.retry();
    const [command, ...args] = ERROR_ACTION_COMMANDS[action];
    await vscode.commands.executeCommand(command, ...args);
  }
}
