// What activate() returns when the extension runs in Test mode (the integration tests), and only then: it answers
// dialogs (`ui`) and reaches the key store, so an installed extension's `exports` must never hold it (any extension
// can read another's exports).
import * as vscode from 'vscode';
import type { Attachment, Chat } from '../common/chatTypes';
import type { PageMessage } from '../common/protocol';
import type { ChatActions, CommandDeps } from './commands/deps';
import type { EditSelectionController } from './edits/editSelectionController';
import type { RequestContext } from './requestContext';
import type { BaseUrlApprovals } from './baseUrlApprovals';
import type { PlainHttpConsent } from './plainHttpConsent';
import type { ApiKeyStore } from './secrets';
import type { HostUi } from './ui';
import type { InlineSuggestionProvider } from './inline/registerInlineSuggestions';
import type { WalkthroughProgress } from './walkthroughProgress';

export interface AskLlamaApi {
  /** Mutable: replace a function to script the answer to an input box, quick pick or modal. */
  readonly ui: HostUi;
  readonly requests: RequestContext;
  readonly keys: ApiKeyStore;
  /** The extension's own SecretStorage, so the key migration can be tested from a key stored the old way. */
  readonly secrets: vscode.SecretStorage;
  /** The remembered answers to "This workspace sends your questions to <host>. Allow?". */
  readonly approvals: BaseUrlApprovals;
  /** The origins the user agreed to send a key to over plain http ("Send Anyway"). */
  readonly plainHttp: PlainHttpConsent;
  /** Plays Restricted Mode for the settings policy and inline suggestions (see PlayedRestrictedMode). */
  readonly restrictedMode: PlayedRestrictedMode;
  /** The chat controller; tests read the open chat to see the streamed answer arrive, and click its page's buttons. */
  readonly chat: ChatActions & { readonly currentChat: Chat; readonly busy: boolean; readonly attachedFiles: readonly Attachment[]; handlePageMessage(message: PageMessage): Promise<void> };
  /** Edit Selection; tests read the open proposal's state. */
  readonly edits: EditSelectionController;
  /** Mutable: the ports Select Model probes for local servers, so tests point it at scripted servers. */
  readonly localServers: CommandDeps['localServers'];
  /** The walkthrough's steps: tests reset them and check that only the real event completes each. */
  readonly walkthrough: WalkthroughProgress;
  /** The inline suggestion provider: tests count its requests. */
  readonly inline: InlineSuggestionProvider;
}

/**
 * The workspace trust activate() reads in Test mode, and only there (installed, it reads vscode.workspace.isTrusted
 * and nothing can change that). The harness runs with workspace trust disabled, where VS Code calls every workspace
 * trusted, and taking trust away from a window reloads its extension host, so the tests play Restricted Mode here.
 */
export class PlayedRestrictedMode {
  private playing = false;

  isTrusted(): boolean {
    return !this.playing && vscode.workspace.isTrusted;
  }

  /** The workspace counts as untrusted until leave(). */
  enter(): void {
    this.playing = true;
  }

  leave(): void {
    this.playing = false;
  }
}
