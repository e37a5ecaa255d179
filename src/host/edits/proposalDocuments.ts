// Serves the right-hand side of an Edit Selection diff: the file as it would be with the model's rewrite. The content
// changes while the rewrite streams; change events are coalesced so a fast or degenerate stream cannot flood the diff.
import * as vscode from 'vscode';

export const EDIT_PROPOSAL_SCHEME = 'ask-llama-edit';

/** At most one diff refresh per this many milliseconds while text streams. */
const REFRESH_INTERVAL_MS = 100;

export class EditProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;
  private readonly contents = new Map<string, string>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private counter = 0;

  /** A new document named like the file (so the diff shows its name and language) holding `content`. */
  create(fileName: string, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: EDIT_PROPOSAL_SCHEME, path: `/${fileName}`, query: `${process.pid}-${++this.counter}` });
    this.contents.set(uri.toString(), content);
    return uri;
  }

  /** Replaces the content; the diff refreshes soon (or now, with `immediately`, for the final text). */
  update(uri: vscode.Uri, content: string, immediately = false): void {
    const key = uri.toString();
    if (!this.contents.has(key)) return;
    this.contents.set(key, content);
    if (immediately) {
      clearTimeout(this.pending.get(key));
      this.pending.delete(key);
      this.changes.fire(uri);
      return;
    }
    if (this.pending.has(key)) return;
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.changes.fire(uri);
      }, REFRESH_INTERVAL_MS),
    );
  }

  /** Forgets a finished proposal. */
  remove(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.contents.delete(key);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.contents.clear();
    this.changes.dispose();
  }
}
