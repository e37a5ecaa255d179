// Remembers where each question's code was (by question message id) and follows those ranges through the edits
// made since, so a code block from the answer can be applied there. A range an edit destroyed is remembered as gone.
// Only while the document stays open in this window; after that (or a reload) a question's stored location is used
// if the document still holds the same code there.
import * as vscode from 'vscode';
import type { CodeLocation } from '../../common/chatTypes';
import { shiftRangeThrough, type OffsetRange } from '../../common/rangeShift';

/** Enough for a long session; the oldest questions are forgotten first. */
const MAX_TRACKED = 200;

interface Tracked {
  uri: string;
  /** undefined once an edit destroyed the range. */
  range: OffsetRange | undefined;
}

export type ResolvedLocation =
  | { kind: 'range'; document: vscode.TextDocument; range: vscode.Range }
  /** The question had a location, but the code there was replaced, removed, or the document is gone. */
  | { kind: 'gone'; uri: string };

export class RangeTracker implements vscode.Disposable {
  private readonly tracked = new Map<string, Tracked>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((event) => this.follow(event)),
      // Changes to a closed document are not reported; from then on only the stored location, checked against the
      // code it held, can say where the code is.
      vscode.workspace.onDidCloseTextDocument((document) => this.forgetDocument(document.uri.toString())),
    ];
  }

  /** Starts following `location` for the question `key` (its document must be open, which it is when just captured). */
  track(key: string, location: CodeLocation): void {
    const document = openDocument(location.uri);
    const range = document && offsetRange(document, location);
    this.tracked.set(key, { uri: location.uri, range });
    for (const old of [...this.tracked.keys()].slice(0, Math.max(0, this.tracked.size - MAX_TRACKED))) this.tracked.delete(old);
  }

  /**
   * Where the question `key`'s code is now. Untracked questions (asked before a reload) fall back to the stored
   * location when the document holds the same code there. Undefined: the question had no location.
   */
  async resolve(key: string, location: CodeLocation | undefined, code: string | undefined): Promise<ResolvedLocation | undefined> {
    const tracked = this.tracked.get(key);
    if (tracked) {
      const document = openDocument(tracked.uri);
      if (!document || !tracked.range || tracked.range.end > document.getText().length) return { kind: 'gone', uri: tracked.uri };
      return { kind: 'range', document, range: new vscode.Range(document.positionAt(tracked.range.start), document.positionAt(tracked.range.end)) };
    }
    if (!location) return undefined;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.uri, true)).then(
      (d) => d,
      () => undefined,
    );
    const range = document && offsetRange(document, location);
    if (!document || !range || code === undefined || !sameCode(document.getText().slice(range.start, range.end), code)) {
      return { kind: 'gone', uri: location.uri };
    }
    return { kind: 'range', document, range: new vscode.Range(document.positionAt(range.start), document.positionAt(range.end)) };
  }

  private follow(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) return;
    const uri = event.document.uri.toString();
    const changes = event.contentChanges.map((c) => ({ offset: c.rangeOffset, removed: c.rangeLength, inserted: c.text.length }));
    for (const entry of this.tracked.values()) {
      if (entry.uri === uri && entry.range) entry.range = shiftRangeThrough(entry.range, changes);
    }
  }

  private forgetDocument(uri: string): void {
    for (const [key, entry] of this.tracked) if (entry.uri === uri) this.tracked.delete(key);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.tracked.clear();
  }
}

function openDocument(uri: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
}

/** The location as offsets in `document`, or undefined when it does not lie within the document. */
function offsetRange(document: vscode.TextDocument, location: CodeLocation): OffsetRange | undefined {
  const start = new vscode.Position(location.start[0], location.start[1]);
  const end = new vscode.Position(location.end[0], location.end[1]);
  if (!document.validatePosition(start).isEqual(start) || !document.validatePosition(end).isEqual(end) || end.isBefore(start)) return undefined;
  return { start: document.offsetAt(start), end: document.offsetAt(end) };
}

/** Line endings aside (a CRLF file, a truncated selection's last line break), the same code. */
function sameCode(a: string, b: string): boolean {
  const normal = (text: string) => text.replace(/\r/g, '').replace(/\n+$/, '');
  return normal(a) === normal(b);
}
