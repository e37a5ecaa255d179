// The status bar item: which model the next question goes to (click to change it), and a spinner while an answer
// streams.
import * as vscode from 'vscode';
import { hostOf } from '../api';
import { shortModelName } from '../common/modelChoices';
import { affectsModelOrBaseUrl, readSettings } from './config';

export interface BusySource {
  readonly busy: boolean;
  readonly onDidChangeBusy: vscode.Event<boolean>;
}

export class ModelStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly busySource: BusySource) {
    this.item = vscode.window.createStatusBarItem('askLlama.model', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('Ask Llama Model');
    this.item.command = 'askLlama.selectModel';
    this.subscriptions.push(
      busySource.onDidChangeBusy(() => this.render()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsModelOrBaseUrl(event)) this.render();
      }),
    );
    this.render();
    this.item.show();
  }

  private render(): void {
    const { model, baseUrl } = readSettings();
    const icon = this.busySource.busy ? '$(loading~spin)' : '$(hubot)';
    this.item.text = `${icon} ${shortModelName(model)}`;
    this.item.tooltip = this.busySource.busy
      ? vscode.l10n.t('Ask Llama: {0} is answering ({1})', model, hostOf(baseUrl))
      : vscode.l10n.t('Ask Llama: {0} on {1}. Click to choose another model.', model, hostOf(baseUrl));
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
