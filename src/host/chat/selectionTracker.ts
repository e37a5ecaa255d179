// Follows the active editor's selection for the page's chip. Debounced, because selection events fire on every
// cursor move; and it reports only the file name and lines, never the code (the code is read when a question is sent).
import * as vscode from 'vscode';
import type { SelectionInfo } from '../../common/protocol';
import { lastSelectedLine } from '../editorSelection';

export function selectionInfo(editor: vscode.TextEditor | undefined): SelectionInfo | undefined {
  if (!editor || editor.selection.isEmpty || editor.document.uri.scheme === 'output') return undefined;
  const { selection } = editor;
  return { fileName: vscode.workspace.asRelativePath(editor.document.uri, false), startLine: selection.start.line + 1, endLine: lastSelectedLine(selection) };
}

function sameSelection(a: SelectionInfo | undefined, b: SelectionInfo | undefined): boolean {
  return a?.fileName === b?.fileName && a?.startLine === b?.startLine && a?.endLine === b?.endLine;
}

export class SelectionTracker implements vscode.Disposable {
  private current: SelectionInfo | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly onChange: (selection: SelectionInfo | undefined) => void,
    private readonly debounceMs = 150,
  ) {
    this.current = selectionInfo(vscode.window.activeTextEditor);
    this.subscriptions = [
      vscode.window.onDidChangeTextEditorSelection(() => this.schedule()),
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
    ];
  }

  get selection(): SelectionInfo | undefined {
    return this.current;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const next = selectionInfo(vscode.window.activeTextEditor);
      if (sameSelection(next, this.current)) return;
      this.current = next;
      this.onChange(next);
    }, this.debounceMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
