// The chat page's translations: for the bundle VS Code loaded for this extension (l10n/bundle.l10n.<locale>.json),
// the build writes a copy with only the page's own strings to dist/l10n/ (scripts/exportL10n.js), so the page does
// not carry the host's. In English VS Code loads no bundle and the page needs nothing.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export function pageTranslations(extensionUri: vscode.Uri): Record<string, string> | undefined {
  const loaded = vscode.l10n.uri;
  if (!loaded) return undefined;
  try {
    return JSON.parse(fs.readFileSync(vscode.Uri.joinPath(extensionUri, 'dist', 'l10n', path.basename(loaded.path)).fsPath, 'utf8'));
  } catch {
    return undefined; // No page copy for this bundle: the page is shown in English. The page checks what it reads.
  }
}
