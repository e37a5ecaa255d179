// The user's answer, per server origin, to "This workspace sends your questions to <host>. Allow?": remembered in
// the extension's global state (not in settings, which the workspace could write), asked once per origin.
import * as vscode from 'vscode';
import { hostOf, originOf } from '../api';
import type { HostUi } from './ui';
import type { BaseUrlDecision } from './workspaceSettings';

const STATE_KEY = 'askLlama.baseUrlDecisions';

export class BaseUrlApprovals {
  constructor(private readonly state: vscode.Memento) {}

  decision(origin: string): BaseUrlDecision | undefined {
    const value = this.all()[origin];
    return value === 'allow' || value === 'deny' ? value : undefined;
  }

  async remember(origin: string, decision: BaseUrlDecision): Promise<void> {
    await this.state.update(STATE_KEY, { ...this.all(), [origin]: decision });
  }

  /** Forget every answer (the next workspace base URL on another server asks again). */
  async forgetAll(): Promise<void> {
    await this.state.update(STATE_KEY, undefined);
  }

  /**
   * Asks whether questions may go to the workspace's server. Resolves true (allowed) or false (declined: the
   * user-level server is used), both remembered; undefined when the dialog was dismissed (send nothing, ask again).
   */
  async ask(ui: HostUi, workspaceUrl: string, userUrl: string): Promise<boolean | undefined> {
    const origin = originOf(workspaceUrl);
    if (!origin) return false;
    const allow = vscode.l10n.t('Allow');
    const decline = vscode.l10n.t("Don't Allow, Use {0}", hostOf(userUrl));
    const choice = await ui.showWarningMessage(
      vscode.l10n.t('This workspace sends your questions to {0}. Allow?', hostOf(workspaceUrl)),
      {
        modal: true,
        detail: vscode.l10n.t(
          'Its settings set askLlama.baseUrl to {0}. If you allow it, your questions, the code you select and the chat go to {1}, with a key you set for that server only (never your other keys). Otherwise they keep going to {2}. Your answer is remembered for {1}.',
          workspaceUrl,
          origin,
          hostOf(userUrl),
        ),
      },
      allow,
      decline,
    );
    if (choice !== allow && choice !== decline) return undefined;
    await this.remember(origin, choice === allow ? 'allow' : 'deny');
    return choice === allow;
  }

  private all(): Record<string, unknown> {
    const stored = this.state.get<unknown>(STATE_KEY);
    return typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  }
}
