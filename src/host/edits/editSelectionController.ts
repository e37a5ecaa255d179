// Edit Selection: askLlama.editSelection asks for an instruction, streams the model's rewrite of the selection into a
// diff, and keeps at most one proposal open. Accept / Reject / Stop are commands (keybindings and diff title buttons
// are bound to the context keys set here), so all of it works from the keyboard.
import * as vscode from 'vscode';
import { buildEditPrompt } from '../../common/editPrompt';
import { lastSelectedLine } from '../editorSelection';
import type { RequestContext } from '../requestContext';
import type { HostUi } from '../ui';
import { fileStyle } from './fileStyle';
import { EditFailure, EditSession, fileNameOf, type AcceptOutcome, type EditState } from './editSession';
import { closeDiffsOf, EDIT_PROPOSAL_SCHEME, isDiffOf, ProposalDocuments } from './proposalDocuments';
import { isWritableDocument } from './writableDocument';

export type EditStartOutcome = 'noEditor' | 'noSelection' | 'readOnly' | 'cancelled' | 'tooLarge' | EditState;

export interface EditSelectionDeps {
  requests: RequestContext;
  ui: HostUi;
  log: vscode.LogOutputChannel;
}

export const EDIT_COMMANDS = ['askLlama.editSelection', 'askLlama.acceptEdit', 'askLlama.rejectEdit', 'askLlama.stopEdit'] as const;
export type EditCommand = (typeof EDIT_COMMANDS)[number];

/** The context keys the package.json keybindings and menus read. */
const CONTEXT_STREAMING = 'askLlama.editStreaming';
const CONTEXT_READY = 'askLlama.editReady';
const CONTEXT_PENDING = 'askLlama.editPending';

export class EditSelectionController implements vscode.Disposable {
  private readonly proposals = new ProposalDocuments(EDIT_PROPOSAL_SCHEME);
  private readonly disposables: vscode.Disposable[];
  private current: EditSession | undefined;

  constructor(private readonly deps: EditSelectionDeps) {
    this.disposables = [
      this.proposals,
      // Closing the diff tab is a rejection: the proposal would otherwise wait invisibly for Accept.
      vscode.window.tabGroups.onDidChangeTabs((event) => {
        const session = this.current;
        if (session && event.closed.some((tab) => isDiffOf(tab, session.proposalUri))) this.reject();
      }),
      ...EDIT_COMMANDS.map((command) => vscode.commands.registerCommand(command, this.commands[command])),
    ];
  }

  /** The commands' handlers, registered by the constructor. */
  private readonly commands: Record<EditCommand, () => unknown> = {
    'askLlama.editSelection': () => this.logged('editSelection', () => this.start()),
    'askLlama.acceptEdit': () => this.logged('acceptEdit', () => this.accept()),
    'askLlama.rejectEdit': () => this.reject(),
    'askLlama.stopEdit': () => this.stop(),
  };

  /** The open proposal, if any (tests read its state and proposal document). */
  get session(): EditSession | undefined {
    return this.current;
  }

  /** Runs one Edit Selection; resolves when the rewrite has stopped streaming (ready, stopped or failed). */
  async start(): Promise<EditStartOutcome> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void this.deps.ui.showInformationMessage(vscode.l10n.t('Open a file and select the code to edit first.'), {});
      return 'noEditor';
    }
    const { document, selection } = editor;
    if (selection.isEmpty || !document.getText(selection).trim()) {
      void this.deps.ui.showInformationMessage(vscode.l10n.t('Select the code to edit first, then run Edit Selection.'), {});
      return 'noSelection';
    }
    if (!(await isWritableDocument(document))) {
      void this.deps.ui.showWarningMessage(vscode.l10n.t('{0} is read-only; Ask Llama cannot edit it.', fileNameOf(document)), {});
      return 'readOnly';
    }
    const range = new vscode.Range(selection.start, selection.end);
    const version = document.version;
    const startLine = range.start.line + 1;
    const endLine = lastSelectedLine(range);
    const instruction = (
      await this.deps.ui.showInputBox({
        title: vscode.l10n.t('Ask Llama: Edit Selection'),
        prompt: vscode.l10n.t('How should Llama change {0}, lines {1}–{2}?', fileNameOf(document), startLine, endLine),
        placeHolder: vscode.l10n.t('e.g. Add error handling, or: convert to async/await'),
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Type an instruction, or press Escape to cancel.')),
      })
    )?.trim();
    if (!instruction) return 'cancelled';
    const settings = await this.deps.requests.prepare();
    if (!settings) return 'cancelled';

    const prompt = buildEditPrompt({
      systemPrompt: settings.systemPrompt,
      instruction,
      code: document.getText(range).replace(/\r\n?/g, '\n'),
      languageId: document.languageId,
      fileName: vscode.workspace.asRelativePath(document.uri, false),
      startLine,
      endLine,
      contextLength: settings.contextLength,
      maxTokens: settings.maxTokens,
    });
    if (!prompt.fits) {
      void this.deps.ui.showWarningMessage(
        vscode.l10n.t('The selection is too large for the context window of {0}. Select less and try again.', settings.model),
        {},
      );
      return 'tooLarge';
    }

    this.reject();
    const session = new EditSession(
      { document, range, version, style: fileStyle(document) },
      this.proposals,
      { settings, messages: prompt.messages, maxTokens: prompt.budget.maxTokens },
      (changed) => this.onStateChange(changed),
    );
    this.current = session;
    this.updateContext();
    await vscode.commands.executeCommand(
      'vscode.diff',
      document.uri,
      session.proposalUri,
      vscode.l10n.t('{0} ↔ Llama’s edit (lines {1}–{2})', session.fileName, startLine, endLine),
      { preview: false },
    );
    // The stream runs while the diff opens: one that already ended (stopped, failed, rejected) leaves no diff behind.
    if (this.current !== session) await closeDiffsOf(session.proposalUri);
    return session.finished;
  }

  async accept(): Promise<AcceptOutcome | undefined> {
    const session = this.current;
    if (!session) return undefined;
    const outcome = await session.accept();
    switch (outcome) {
      case 'applied':
        await closeDiffsOf(session.proposalUri);
        this.forget(session);
        break;
      case 'notReady':
        void this.deps.ui.showInformationMessage(
          session.state === 'streaming'
            ? vscode.l10n.t('The rewrite is still arriving; accept it once it is complete.')
            : vscode.l10n.t('This rewrite did not complete, so it cannot be applied.'),
          {},
        );
        break;
      case 'documentChanged':
        void this.deps.ui.showWarningMessage(
          vscode.l10n.t('{0} changed after the edit started; the rewrite was not applied. Run Edit Selection again.', session.fileName),
          {},
        );
        break;
      case 'failed':
        void this.deps.ui.showErrorMessage(vscode.l10n.t('VS Code could not apply the rewrite to {0}.', session.fileName), {});
        break;
    }
    return outcome;
  }

  /** Discards the proposal (stopping the stream if it is still running) and closes its diff. */
  reject(): void {
    const session = this.current;
    if (!session) return;
    this.forget(session);
    session.reject();
    void closeDiffsOf(session.proposalUri);
  }

  /** Stops the stream; the partial rewrite is discarded, since it can never be applied. */
  stop(): void {
    this.current?.stop();
  }

  private onStateChange(session: EditSession): void {
    if (session !== this.current) return;
    this.updateContext();
    if (session.state === 'ready') {
      const accept = vscode.l10n.t('Accept');
      const reject = vscode.l10n.t('Reject');
      void Promise.resolve(
        this.deps.ui.showInformationMessage(vscode.l10n.t('Llama’s edit of {0} is ready to review.', session.fileName), {}, accept, reject),
      ).then((choice) => {
        if (session !== this.current) return;
        if (choice === accept) void this.accept();
        else if (choice === reject) this.reject();
      });
    } else if (session.state === 'stopped' || session.state === 'failed') {
      const stopped = session.state === 'stopped';
      this.reject();
      if (stopped) {
        vscode.window.setStatusBarMessage(vscode.l10n.t('Edit Selection stopped; nothing was changed.'), 4000);
        return;
      }
      const message =
        session.failure instanceof EditFailure ? session.failure.message : this.deps.requests.describeError(session.failure).message;
      this.deps.log.warn(`Edit Selection failed: ${message}`);
      void this.deps.ui.showErrorMessage(vscode.l10n.t('Edit Selection failed; nothing was changed. {0}', message), {});
    }
  }

  private forget(session: EditSession): void {
    if (this.current !== session) return;
    this.current = undefined;
    this.updateContext();
  }

  private updateContext(): void {
    const state = this.current?.state;
    void vscode.commands.executeCommand('setContext', CONTEXT_STREAMING, state === 'streaming');
    void vscode.commands.executeCommand('setContext', CONTEXT_READY, state === 'ready');
    void vscode.commands.executeCommand('setContext', CONTEXT_PENDING, state === 'streaming' || state === 'ready');
  }

  private async logged<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      const { message } = this.deps.requests.describeError(error);
      this.deps.log.error(`${name} failed: ${message}`);
      void this.deps.ui.showErrorMessage(message, {});
      return undefined;
    }
  }

  dispose(): void {
    this.current?.reject();
    this.current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}
