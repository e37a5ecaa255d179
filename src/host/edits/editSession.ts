// One Edit Selection: the model's rewrite of a selected range streams into a diff (the file on the left, the file with
// the rewrite on the right). The file changes only on accept(), in one WorkspaceEdit (one undo step), and only when
// the rewrite finished normally and the document is exactly as it was when the edit started.
import * as vscode from 'vscode';
import { ApiError, chat } from '../../api';
import { extractCode, matchTrailingNewline } from '../../common/codeFence';
import type { PromptMessage } from '../../common/prompt';
import { inFileStyle, type TextStyle } from '../../common/textStyle';
import { streamedChatRequest, type RequestSettings } from '../requestContext';
import type { ProposalDocuments } from './proposalDocuments';

/**
 * streaming: text is arriving. ready: finished normally, can be accepted. stopped / failed: ended early (by Stop, an
 * error or the token limit), never applied. accepted / rejected: over.
 */
export type EditState = 'streaming' | 'ready' | 'stopped' | 'failed' | 'accepted' | 'rejected';

export type AcceptOutcome = 'applied' | 'notReady' | 'documentChanged' | 'failed';

/** The diff is refreshed at most this often while text streams (extracting the code from the reply costs a pass). */
const PREVIEW_INTERVAL_MS = 100;
/** A reply longer than this many times the selection (and over the floor below) is degenerate: stop and fail. */
const MAX_GROWTH = 20;
const MAX_REPLY_FLOOR_CHARS = 200_000;

export interface EditTarget {
  document: vscode.TextDocument;
  range: vscode.Range;
  /** document.version when the selection was taken: any change after it invalidates the proposal. */
  version: number;
  style: TextStyle;
}

export interface EditRequest {
  settings: RequestSettings;
  messages: PromptMessage[];
  maxTokens: number;
}

export class EditSession {
  private stateValue: EditState = 'streaming';
  private readonly abort = new AbortController();
  private readonly before: string;
  private readonly after: string;
  /** The selected text with LF line endings: what the model saw, and whose trailing newline the rewrite keeps. */
  readonly originalLf: string;
  /** The rewrite in the file's style, as it would be written. */
  private rewrite = '';
  /** Why the rewrite failed (an EditFailure or the request's error); set with the state `failed`. */
  failure: unknown;
  readonly proposalUri: vscode.Uri;
  /** Settles when the stream has ended, with the state it ended in (ready, stopped, failed, or rejected meanwhile). */
  readonly finished: Promise<EditState>;

  constructor(
    readonly target: EditTarget,
    private readonly proposals: ProposalDocuments,
    request: EditRequest,
    private readonly onStateChange: (session: EditSession) => void,
  ) {
    const { document, range } = target;
    const whole = document.getText();
    this.before = whole.slice(0, document.offsetAt(range.start));
    this.after = whole.slice(document.offsetAt(range.end));
    this.originalLf = document.getText(range).replace(/\r\n?/g, '\n');
    this.proposalUri = proposals.create(fileNameOf(document), whole);
    this.finished = this.stream(request).then(() => this.stateValue);
  }

  get state(): EditState {
    return this.stateValue;
  }

  get fileName(): string {
    return fileNameOf(this.target.document);
  }

  /** The proposed replacement for the range, in the file's line endings and indentation. */
  get proposedText(): string {
    return this.rewrite;
  }

  /** Stops the stream; what arrived is shown but can never be applied. */
  stop(): void {
    if (this.stateValue !== 'streaming') return;
    this.abort.abort();
  }

  /** Discards the proposal. A rewrite that already stopped or failed keeps that state (it says why it ended). */
  reject(): void {
    this.proposals.remove(this.proposalUri);
    if (this.stateValue !== 'streaming' && this.stateValue !== 'ready') return;
    this.abort.abort();
    this.setState('rejected');
  }

  async accept(): Promise<AcceptOutcome> {
    if (this.stateValue !== 'ready') return 'notReady';
    const { document, range, version } = this.target;
    if (document.isClosed || document.version !== version) return 'documentChanged';
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, range, this.rewrite);
    if (!(await vscode.workspace.applyEdit(edit))) return 'failed';
    this.setState('accepted');
    this.proposals.remove(this.proposalUri);
    return 'applied';
  }

  private async stream(request: EditRequest): Promise<void> {
    const { settings } = request;
    let reply = '';
    let preview: ReturnType<typeof setTimeout> | undefined;
    const maxReply = Math.max(MAX_REPLY_FLOOR_CHARS, this.originalLf.length * MAX_GROWTH);
    try {
      const result = await chat(streamedChatRequest(settings, request.messages, request.maxTokens), {
        signal: this.abort.signal,
        onDelta: (text) => {
          if (this.stateValue !== 'streaming') return;
          reply += text;
          if (reply.length > maxReply) {
            this.failure = new EditFailure(vscode.l10n.t('The rewrite grew far longer than the selection, so it was stopped.'));
            this.abort.abort();
            return;
          }
          preview ??= setTimeout(() => {
            preview = undefined;
            if (this.stateValue === 'streaming') this.show(extractCode(reply).code, false);
          }, PREVIEW_INTERVAL_MS);
        },
      });
      clearTimeout(preview);
      if (this.stateValue !== 'streaming') return;
      if (this.failure) return this.setState('failed');
      if (this.abort.signal.aborted) return this.setState('stopped');
      if (result.finishReason === 'length') {
        this.failure = new EditFailure(
          vscode.l10n.t('The rewrite reached the token limit (askLlama.maxTokens) before it was complete. Select less, or raise the limit.'),
        );
        return this.setState('failed');
      }
      // The whole reply is here: its last line is complete, even a closing fence with no line break after it.
      const code = extractCode(reply, { final: true }).code;
      if (!code.trim()) {
        this.failure = new EditFailure(vscode.l10n.t('The model answered without any code.'));
        return this.setState('failed');
      }
      this.show(matchTrailingNewline(code, this.originalLf), true);
      this.setState('ready');
    } catch (error) {
      clearTimeout(preview);
      if (this.stateValue !== 'streaming') return;
      if (this.failure) return this.setState('failed');
      if (this.abort.signal.aborted || (error instanceof ApiError && error.kind === 'cancelled')) return this.setState('stopped');
      this.failure = error;
      this.setState('failed');
    }
  }

  private show(codeLf: string, final: boolean): void {
    this.rewrite = inFileStyle(codeLf, this.target.style);
    this.proposals.update(this.proposalUri, this.before + this.rewrite + this.after, final);
  }

  private setState(state: EditState): void {
    this.stateValue = state;
    this.onStateChange(this);
  }
}

/** A failure of the rewrite itself (not of the request), with its message already in the user's language. */
export class EditFailure extends Error {
  override readonly name = 'EditFailure';
}

export function fileNameOf(document: vscode.TextDocument): string {
  return document.uri.path.split('/').pop() || 'untitled';
}
