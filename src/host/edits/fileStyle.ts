// The line endings and indentation of a document, as its editor sees them (VS Code detects indentation per file).
import * as vscode from 'vscode';
import type { TextStyle } from '../../common/textStyle';

export function fileStyle(document: vscode.TextDocument): TextStyle {
  const editor =
    vscode.window.activeTextEditor?.document === document
      ? vscode.window.activeTextEditor
      : vscode.window.visibleTextEditors.find((e) => e.document === document);
  const config = vscode.workspace.getConfiguration('editor', document);
  const insertSpaces = editor?.options.insertSpaces ?? config.get<boolean>('insertSpaces', true);
  const tabSize = editor?.options.tabSize ?? config.get<number>('tabSize', 4);
  return {
    eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
    insertSpaces: insertSpaces !== false,
    tabSize: typeof tabSize === 'number' ? tabSize : 4,
  };
}
