// Serves the right-hand side of a proposal diff, Edit Selection's and Apply's: the file as it would be with the change.
// Edit Selection's content changes while the rewrite streams; change events are coalesced so a fast or degenerate
// stream cannot flood the diff. Each surface has its own instance and scheme: Edit Selection's keybindings and diff
// buttons are bound to `resourceScheme == ask-llama-edit`, so Apply's diff (`ask-llama-proposal`) never enables them.
//
// VS Code drops a change event for a document it has not finished opening: the extension host ignores the event until
// the document has reached it, and the workbench until its model exists. A rewrite that ends between VS Code reading
// the content (still the original file) and the document reaching the extension host would leave the diff showing the
// original for good, so every proposal document is refreshed once more when it opens.
import * as vscode from 'vscode';

/** Edit Selection's proposals (package.json's keybindings and menus name this scheme). */
export const EDIT_PROPOSAL_SCHEME = 'ask-llama-edit';
/** Apply's proposals (a code block's Apply in the chat). */
export const APPLY_PROPOSAL_SCHEME = 'ask-llama-proposal';

/** At most one diff refresh per this many milliseconds while text streams. */
const REFRESH_INTERVAL_MS = 100;

export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;
  private readonly contents = new Map<string, string>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly registrations: vscode.Disposable[];
  private static instances = 0;
  /** In every URI: VS Code keeps documents by URI, so another instance's proposal 1 must not be this one's. */
  private readonly instance = `${process.pid}-${++ProposalDocuments.instances}`;
  private counter = 0;

  /** Registers itself as the content provider of `scheme` (tests use a scheme of their own). */
  constructor(readonly scheme: string) {
    this.registrations = [
      vscode.workspace.registerTextDocumentContentProvider(scheme, this),
      // The refresh VS Code may have dropped while it was opening the document (see the top of this file).
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (this.contents.has(document.uri.toString())) this.changes.fire(document.uri);
      }),
    ];
  }

  /** A new document named like the file (so the diff shows its name and language) holding `content`. */
  create(fileName: string, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: this.scheme, path: `/${fileName}`, query: `${this.instance}-${++this.counter}` });
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
    for (const d of this.registrations) d.dispose();
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.contents.clear();
    this.changes.dispose();
  }
}

/** True when `tab` is a diff whose right side is `proposalUri`. */
export function isDiffOf(tab: vscode.Tab, proposalUri: vscode.Uri): boolean {
  return tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === proposalUri.toString();
}

/** Closes the diffs showing `proposalUri` once the user has decided (a later diff would otherwise open beside it). */
export async function closeDiffsOf(proposalUri: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => isDiffOf(tab, proposalUri));
  if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
}
