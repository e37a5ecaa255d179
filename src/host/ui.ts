// The interactive window functions the commands use, gathered in one mutable object so integration tests can answer
// input boxes, quick picks and modals in the real extension host instead of needing a person at the keyboard.
import * as vscode from 'vscode';

/** The rows of a quick pick that may change while it is open: rows are added as they arrive, busy while more may come. */
export interface LiveRows<T extends vscode.QuickPickItem> {
  readonly items: readonly T[];
  readonly busy: boolean;
  readonly onDidChange: vscode.Event<void>;
}

export interface HostUi {
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  showWarningMessage(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
  /** Like showQuickPick, showing `rows` as they change (the spinner while `busy`); keeps the highlighted row. */
  showLiveQuickPick<T extends vscode.QuickPickItem>(rows: LiveRows<T>, options: vscode.QuickPickOptions): Thenable<T | undefined>;
  showQuickPickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T[] | undefined>;
  showErrorMessage(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
  showInformationMessage(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
}

export function createWindowUi(): HostUi {
  return {
    showInputBox: (options) => vscode.window.showInputBox(options),
    showQuickPick: (items, options) => vscode.window.showQuickPick(items, options),
    showLiveQuickPick,
    showQuickPickMany: (items, options) => vscode.window.showQuickPick(items, { ...options, canPickMany: true }),
    showWarningMessage: (message, options, ...items) => vscode.window.showWarningMessage(message, options, ...items),
    showErrorMessage: (message, options, ...items) => vscode.window.showErrorMessage(message, options, ...items),
    showInformationMessage: (message, options, ...items) => vscode.window.showInformationMessage(message, options, ...items),
  };
}

function showLiveQuickPick<T extends vscode.QuickPickItem>(rows: LiveRows<T>, options: vscode.QuickPickOptions): Promise<T | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<T>();
    pick.title = options.title;
    pick.placeholder = options.placeHolder;
    pick.matchOnDescription = options.matchOnDescription ?? false;
    pick.ignoreFocusOut = options.ignoreFocusOut ?? false;
    pick.keepScrollPosition = true;
    const render = () => {
      const highlighted = pick.activeItems.filter((item) => rows.items.includes(item));
      pick.items = rows.items;
      pick.busy = rows.busy;
      if (highlighted.length) pick.activeItems = highlighted;
    };
    render();
    const subscriptions = [
      rows.onDidChange(render),
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0] ?? pick.activeItems[0]);
        pick.hide();
      }),
      pick.onDidHide(() => {
        resolve(undefined); // no-op after an accept
        for (const subscription of subscriptions) subscription.dispose();
        pick.dispose();
      }),
    ];
    pick.show();
  });
}
