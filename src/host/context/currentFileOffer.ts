// The chat's current-file chip: while the chat page is open and nothing is selected, the active editor's file is
// offered for the next question, fitted to what the attached files left of the context budget. The chip says what
// will be sent before anything is ("parser.ts (lines 1–420 of 900)", or that nothing of it fits); it follows the
// active editor, its edits, the attached files and the settings. Send fits the file again the same way, so the
// request holds exactly the lines the chip named.
import * as vscode from 'vscode';
import type { Attachment } from '../../common/chatTypes';
import { fileChipLabel } from '../../common/fileAttachments';
import type { CurrentFileChip, HostMessage } from '../../common/protocol';
import type { BudgetInput } from '../../common/selectionBudget';
import { CONFIG_SECTION } from '../config';
import { captureCurrentFile, currentFileName, sendableActiveDocument } from './currentFile';

export interface CurrentFileOfferDeps {
  /** The budget as the settings are now (never asks the user anything); undefined when there are no settings. */
  budget(): Promise<BudgetInput | undefined>;
  /** The files attached to the next question: they come first in the shared budget. */
  attached(): readonly Attachment[];
  /** Whether a page is open to show the chip (nothing is computed for a closed page). */
  pageOpen(): boolean;
  send(message: HostMessage): void;
}

export class CurrentFileOffer implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Counts refreshes, so an older one that finishes late does not overwrite a newer chip. */
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly deps: CurrentFileOfferDeps,
    private readonly debounceMs = 200,
  ) {
    let hadSelection = hasSelection();
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.window.onDidChangeTextEditorSelection(() => {
        // The chip only depends on whether something is selected, not on where the cursor is.
        if (hasSelection() !== hadSelection) this.schedule();
        hadSelection = hasSelection();
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document) this.schedule();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(CONFIG_SECTION)) this.schedule();
      }),
    ];
  }

  /** The file the page's next question carries: undefined when something is selected, the setting is off or no room is left. */
  async capture(): Promise<Attachment | undefined> {
    const budget = await this.deps.budget();
    return budget && !hasSelection() ? captureCurrentFile(budget, this.deps.attached()) : undefined;
  }

  /** Recomputes the chip soon (edits and cursor moves come in bursts). */
  schedule(): void {
    if (!this.deps.pageOpen()) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, this.debounceMs);
  }

  /** Sends the chip now. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const file = await this.chip().catch(() => undefined);
    if (generation === this.generation) this.deps.send({ type: 'currentFile', file });
  }

  private async chip(): Promise<CurrentFileChip | undefined> {
    const budget = await this.deps.budget();
    const document = budget && !hasSelection() ? sendableActiveDocument() : undefined;
    if (!budget || !document) return undefined;
    const attachment = captureCurrentFile(budget, this.deps.attached());
    if (attachment) return { fileName: attachment.fileName, label: fileChipLabel(attachment), cut: !!attachment.truncatedTo };
    const fileName = currentFileName(document);
    return { fileName, label: vscode.l10n.t('{0} (not sent: no room is left in the model’s context window)', fileName), cut: true };
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}

function hasSelection(): boolean {
  return vscode.window.activeTextEditor?.selection.isEmpty === false;
}
