// The "Get started with Ask Llama" walkthrough checks its steps on context keys that this class sets when the real
// event happens — a key stored for the server questions go to (or a local server chosen, which needs none), a model
// chosen in Select Model, an answer that completed, the chat view opened — never merely because a command ran. What
// has happened is kept in the extension's global state, so a new window sets the keys again when it activates.
import * as vscode from 'vscode';
import { isLocalBaseUrl, originOf } from '../api';
import type { ChatMessage } from '../common/chatTypes';
import type { ChatPageHandler } from './chat/chatViewProvider';
import { readSettings } from './config';

export type WalkthroughStep = 'keyStored' | 'modelChosen' | 'answered' | 'chatOpened';

const STEPS: readonly WalkthroughStep[] = ['keyStored', 'modelChosen', 'answered', 'chatOpened'];
/** Global state: the steps that have happened, a JSON array of WalkthroughStep. */
const STATE_KEY = 'askLlama.walkthrough.completed';

/** The context key of a step, as package.json's `completionEvents` name it: `onContext:askLlama.walkthrough.<step>`. */
export const walkthroughContextKey = (step: WalkthroughStep) => `askLlama.walkthrough.${step}`;

export class WalkthroughProgress implements vscode.Disposable {
  private readonly completedEmitter = new vscode.EventEmitter<WalkthroughStep>();
  /** Fires once per step, when it first happens. */
  readonly onDidComplete = this.completedEmitter.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly setContext: (key: string, value: boolean) => Thenable<unknown> = (key, value) =>
      vscode.commands.executeCommand('setContext', key, value),
  ) {}

  /** At activation: the steps done in earlier sessions (any window) are checked again; a local server needs no key. */
  restore(): void {
    for (const step of this.completed()) void this.setContext(walkthroughContextKey(step), true);
    if (isLocalBaseUrl(readSettings().baseUrl)) this.complete('keyStored');
  }

  isComplete(step: WalkthroughStep): boolean {
    return this.completed().includes(step);
  }

  complete(step: WalkthroughStep): void {
    if (this.isComplete(step)) return;
    void this.state.update(STATE_KEY, [...this.completed(), step]);
    void this.setContext(walkthroughContextKey(step), true);
    this.completedEmitter.fire(step);
  }

  /**
   * Follows the events that are not reported by a direct call: a changed base URL (a local server needs no key; another
   * server may already have one — `keyFor` reads SecretStorage, only then) and answers that settle (only a completed
   * one counts; an error or a stopped answer does not).
   */
  watch(sources: { keyFor(baseUrl: string): Promise<string | undefined>; answers: vscode.Event<ChatMessage> }): vscode.Disposable[] {
    return [
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('askLlama.baseUrl')) void this.serverChanged((baseUrl) => sources.keyFor(baseUrl));
      }),
      sources.answers((answer) => {
        if (answer.status === 'done') this.complete('answered');
      }),
    ];
  }

  /** A key was stored for `origin`: the step is done when questions go there. */
  keyStored(origin: string): void {
    if (origin === originOf(readSettings().baseUrl)) this.complete('keyStored');
  }

  private async serverChanged(keyFor: (baseUrl: string) => Promise<string | undefined>): Promise<void> {
    const { baseUrl } = readSettings();
    if (isLocalBaseUrl(baseUrl) || (await keyFor(baseUrl).catch(() => undefined))) this.complete('keyStored');
  }

  /** Wraps the chat view's handler: the page attaching means the chat view was opened. */
  watchChatPage(handler: ChatPageHandler): ChatPageHandler {
    return {
      attachPage: (post) => {
        this.complete('chatOpened');
        return handler.attachPage(post);
      },
      handlePageMessage: (message) => handler.handlePageMessage(message),
    };
  }

  /** Forgets every step and unsets the keys: the integration tests start from a fresh profile's state. */
  async reset(): Promise<void> {
    await this.state.update(STATE_KEY, []);
    await Promise.all(STEPS.map((step) => this.setContext(walkthroughContextKey(step), false)));
  }

  dispose(): void {
    this.completedEmitter.dispose();
  }

  /** Read fresh each time: another window may have completed a step. */
  private completed(): WalkthroughStep[] {
    const stored = this.state.get<unknown>(STATE_KEY);
    return Array.isArray(stored) ? STEPS.filter((step) => stored.includes(step)) : [];
  }
}
