// The chat page: builds the UI inside `#app`, turns host messages into DOM updates and user actions into page
// messages. It talks to the host only through the typed protocol.
import { isErrorAction } from '../../common/chatTypes';
import { shortModelName } from '../../common/modelChoices';
import { isCodeBlockAction, type HostMessage, type PageMessage } from '../../common/protocol';
import { element } from '../dom';
import { icon } from '../icons';
import { ChatHistory } from './chatHistory';
import { Composer } from './composer';
import { MessageList } from './messageList';
import { Notice } from './notice';
import { OfferChip } from './offerChip';
import { selectionChip } from './selectionChip';
import { fileChips } from './fileChips';
import type { PageState, Schedulers, WebviewApi } from './webviewApi';
import { l10n } from '../l10n';

export class PageController {
  readonly #messages: MessageList;
  readonly #composer: Composer;
  readonly #chip: ReturnType<typeof selectionChip>;
  /** The active editor's file, offered when nothing is selected. */
  readonly #currentFile: OfferChip;
  readonly #files: ReturnType<typeof fileChips>;
  readonly #notice: Notice;
  readonly #history: ChatHistory;
  readonly #modelButton: HTMLButtonElement;
  readonly #historyButton: HTMLButtonElement;
  #state: PageState;
  #restoredScroll = false;

  constructor(
    app: HTMLElement,
    private readonly doc: Document,
    private readonly api: WebviewApi,
    schedulers: Schedulers,
  ) {
    this.#state = { draft: '', ...api.getState() };

    this.#messages = new MessageList(doc, schedulers, {
      retry: () => this.#post({ type: 'retry' }),
      beginEdit: (text) => this.#composer.beginEdit(text),
      scrolled: () => this.#saveState({ scrollFromBottom: this.#messages.distanceFromBottom() }),
    });
    this.#composer = new Composer(doc, {
      send: (text) => {
        this.#notice.clear();
        this.#post({ type: 'send', text, includeSelection: this.#chip.included, ...(this.#currentFile.included ? { includeCurrentFile: true } : {}) });
        // Removing the current file applies to one question: the next one is offered it again.
        this.#currentFile.reset();
      },
      editLast: (text) => {
        this.#notice.clear();
        this.#post({ type: 'editLast', text });
      },
      stop: () => this.#post({ type: 'stop' }),
      lastQuestion: () => this.#messages.lastQuestion(),
      draftChanged: (draft) => this.#saveState({ draft }),
    });
    this.#chip = selectionChip(doc, () => this.#composer.focus());
    this.#currentFile = new OfferChip(
      doc,
      { id: 'current-file-chip', groupLabel: l10n.t('Current file'), removeLabel: l10n.t('Do not send the current file with the question'), removeTitle: l10n.t('Remove') },
      () => this.#composer.focus(),
    );
    this.#files = fileChips(doc, () => this.#post({ type: 'addFile' }), (index) => this.#post({ type: 'removeFile', index }));
    this.#notice = new Notice(doc);
    this.#history = new ChatHistory(doc, {
      open: (chatId) => this.#post({ type: 'openChat', chatId }),
      export: (chatId) => this.#post({ type: 'exportChat', chatId }),
      delete: (chatId) => this.#post({ type: 'deleteChat', chatId }),
    });

    const newChat = this.#toolbarButton('new-chat', 'add', l10n.t('New Chat'));
    newChat.addEventListener('click', () => this.#post({ type: 'newChat' }));
    this.#historyButton = this.#toolbarButton('history', 'history', l10n.t('Show past chats'));
    this.#historyButton.setAttribute('aria-expanded', 'false');
    this.#historyButton.setAttribute('aria-controls', 'history-panel');
    this.#historyButton.addEventListener('click', () => this.#toggleHistory());
    this.#modelButton = element(doc, 'button', { id: 'model', type: 'button', class: 'model-button' }, '…');
    this.#modelButton.addEventListener('click', () => this.#post({ type: 'chooseModel' }));

    const header = element(doc, 'header', { class: 'page-header' }, newChat, this.#historyButton, element(doc, 'span', { class: 'spacer' }), this.#modelButton);
    const footer = element(doc, 'footer', { class: 'page-footer' }, this.#notice.root, this.#chip.root, this.#currentFile.root, this.#files.root, this.#composer.root);
    app.append(header, this.#history.root, this.#messages.root, footer, this.#messages.announcer);
    this.#messages.root.addEventListener('click', (event) => this.#onConversationClick(event));

    this.#composer.setDraft(this.#state.draft);
    this.#setModel('');
  }

  /** Call once the page is built: asks the host for the state. */
  start(): void {
    this.#post({ type: 'ready' });
  }

  handle(message: HostMessage): void {
    switch (message.type) {
      case 'state':
        this.#messages.show(message.chat);
        this.#messages.setBusy(message.busy);
        this.#composer.setBusy(message.busy);
        this.#setModel(message.model, message.host);
        this.#chip.set(message.selection);
        this.#history.setChats(message.chats, message.chat.id);
        this.#restoreScroll(message.chat.id);
        break;
      case 'messageAdded':
        this.#messages.add(message.chatId, message.message);
        break;
      case 'delta':
        this.#messages.delta(message.chatId, message.messageId, message.text);
        break;
      case 'messageUpdated':
        this.#messages.update(message.chatId, message.message);
        break;
      case 'messagesTruncated':
        this.#messages.truncate(message.chatId, message.keepCount);
        break;
      case 'chats':
        this.#history.setChats(message.chats, this.#messages.openChatId);
        break;
      case 'busy':
        this.#messages.setBusy(message.busy);
        this.#composer.setBusy(message.busy);
        break;
      case 'model':
        this.#setModel(message.model, message.host);
        break;
      case 'files':
        this.#files.set(message.files);
        break;
      case 'selection':
        this.#chip.set(message.selection);
        break;
      case 'currentFile':
        this.#currentFile.set(message.file && { key: message.file.fileName, label: message.file.label, title: message.file.label });
        break;
      case 'notice':
        this.#notice.show(message.text, message.level);
        break;
      case 'focusInput':
        if (message.text !== undefined) this.#composer.setDraft(mergeReturnedText(message.text, this.#composer.draft));
        this.#composer.focus();
        break;
    }
  }

  #post(message: PageMessage): void {
    this.api.postMessage(message);
  }

  #saveState(change: Partial<PageState>): void {
    this.#state = { ...this.#state, ...change, chatId: this.#messages.openChatId ?? this.#state.chatId };
    this.api.setState(this.#state);
  }

  /** After a reload, put the conversation back where the user left it (same chat only). */
  #restoreScroll(chatId: string): void {
    if (this.#restoredScroll) return;
    this.#restoredScroll = true;
    const distance = this.#state.scrollFromBottom;
    if (distance !== undefined && this.#state.chatId === chatId) this.#messages.restoreDistanceFromBottom(distance);
  }

  /** `host`: the server, shown beside the model when questions go somewhere other than the default server. */
  #setModel(model: string, host?: string): void {
    const label = !model
      ? l10n.t('Choose a model')
      : host
        ? l10n.t('Model: {0} on {1}. Click to choose another model.', model, host)
        : l10n.t('Model: {0}. Click to choose another model.', model);
    const name = element(this.doc, 'span', { class: 'model-name' }, model ? shortModelName(model) : l10n.t('Model'));
    const server = host ? [element(this.doc, 'span', { class: 'model-host' }, host)] : [];
    this.#modelButton.replaceChildren(icon(this.doc, 'settings-gear'), name, ...server);
    this.#modelButton.setAttribute('aria-label', label);
    this.#modelButton.title = label;
  }

  #toggleHistory(): void {
    const open = !this.#history.isOpen;
    this.#history.setOpen(open);
    this.#historyButton.setAttribute('aria-expanded', String(open));
  }

  #toolbarButton(id: string, iconName: 'add' | 'history', label: string): HTMLButtonElement {
    const button = element(this.doc, 'button', { id, type: 'button', class: 'icon-button', 'aria-label': label, title: label });
    button.append(icon(this.doc, iconName));
    return button;
  }

  /** One listener for every link, code-block and error button in the conversation. */
  #onConversationClick(event: Event): void {
    const target = event.target as Element | null;
    if (!target) return;
    const link = target.closest('a[href]');
    if (link) {
      event.preventDefault();
      const href = link.getAttribute('href');
      if (href) this.#post({ type: 'openLink', href });
      return;
    }
    const codeButton = target.closest('.code-block button[data-action]');
    const action = codeButton?.getAttribute('data-action');
    if (codeButton && isCodeBlockAction(action)) {
      const block = codeButton.closest('.code-block');
      const code = block?.querySelector('pre > code')?.textContent ?? '';
      const language = block?.getAttribute('data-language') ?? undefined;
      const messageId = codeButton.closest('article.message[data-id]')?.getAttribute('data-id') ?? undefined;
      this.#post({ type: 'codeBlock', action, code, language, ...(messageId ? { messageId } : {}) });
      if (action === 'copy') flashLabel(codeButton, l10n.t('Copied'));
      return;
    }
    const errorButton = target.closest('button[data-error-action]');
    const errorAction = errorButton?.getAttribute('data-error-action');
    if (isErrorAction(errorAction)) this.#post({ type: 'errorAction', action: errorAction });
  }
}

/** Brief confirmation on an icon button, for sighted and screen-reader users alike. */
function flashLabel(button: Element, text: string): void {
  const previous = button.getAttribute('aria-label') ?? '';
  button.setAttribute('aria-label', text);
  button.setAttribute('title', text);
  button.classList.add('flash');
  setTimeout(() => {
    button.setAttribute('aria-label', previous);
    button.setAttribute('title', previous);
    button.classList.remove('flash');
  }, 1500);
}

/** A question the host gave back (not sent) joins whatever the user has typed since, rather than replacing it. */
export function mergeReturnedText(returned: string, draft: string): string {
  if (!draft.trim() || draft === returned || draft.includes(returned)) return draft.trim() ? draft : returned;
  return `${returned}\n\n${draft}`;
}
