// The inline suggestions' status bar item: on/off (click toggles), or the failure that stopped them, once, with the
// action that fixes it. Failures never interrupt typing with a notification.
import * as vscode from 'vscode';
import type { ErrorKind } from '../../api/types';

export const TOGGLE_INLINE_COMMAND = 'askLlama.toggleInlineSuggestions';
/** Run by VS Code when a suggestion is accepted (the item's command): logged. Not in the palette. */
export const ACCEPTED_COMMAND = 'askLlama.inlineSuggest.accepted';
/** Prints the suggestions' p50/p95 latencies, cache hits, shown and accepted to the log, and shows it. */
export const INLINE_STATS_COMMAND = 'askLlama.showInlineSuggestionStats';

export class InlineStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private failure: ErrorKind | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem('askLlama.inlineSuggest', vscode.StatusBarAlignment.Right, 99);
    this.item.name = vscode.l10n.t('Ask Llama Inline Suggestions');
    this.showEnabled(false);
  }

  showEnabled(enabled: boolean): void {
    this.failure = undefined;
    this.item.text = enabled ? '$(sparkle) Llama' : '$(circle-slash) Llama';
    this.item.tooltip = enabled
      ? vscode.l10n.t('Ask Llama inline suggestions are on. Click to turn them off.')
      : vscode.l10n.t('Ask Llama inline suggestions are off. Click to turn them on.');
    this.item.command = TOGGLE_INLINE_COMMAND;
    this.item.backgroundColor = undefined;
    this.item.show();
  }

  /** The failure, with its action; returns false if this kind is already shown (shown once). */
  showFailure(kind: ErrorKind, message: string): boolean {
    if (this.failure === kind) return false;
    this.failure = kind;
    this.item.text = '$(warning) Llama';
    this.item.tooltip = vscode.l10n.t('Ask Llama inline suggestions paused: {0}', message);
    this.item.command = actionFor(kind);
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.show();
    return true;
  }

  get failureShown(): ErrorKind | undefined {
    return this.failure;
  }

  dispose(): void {
    this.item.dispose();
  }
}

function actionFor(kind: ErrorKind): string {
  if (kind === 'auth' || kind === 'forbidden') return 'askLlama.setApiKey';
  if (kind === 'model_unavailable') return 'askLlama.selectModel';
  return 'askLlama.showLog';
}
