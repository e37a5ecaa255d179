// The user's answer to "This workspace sends your questions to <host>. Allow for this workspace?": remembered per
// workspace and server origin in the extension's global state (not in settings, which the workspace could write),
// asked once per origin in each workspace. An Allow given in one repository says nothing about another repository
// that names the same server. Answers are reviewed and revoked in Manage API Keys (commands/manageApiKeys.ts).
import * as vscode from 'vscode';
import { hostOf, originOf } from '../api';
import { currentWorkspaceKey } from './chat/workspaceKey';
import type { HostUi } from './ui';
import type { BaseUrlDecision } from './workspaceSettings';

/**
 * { [workspace key]: { [origin]: 'allow' | 'deny' } }. Earlier versions kept one answer per origin for every
 * workspace under 'askLlama.baseUrlDecisions'; those answers are not read (each workspace asks again).
 */
const STATE_KEY = 'askLlama.baseUrlDecisionsByWorkspace';

export interface RememberedDecision {
  origin: string;
  decision: BaseUrlDecision;
}

type Decisions = Record<string, Record<string, unknown>>;

export class BaseUrlApprovals {
  /**
   * @param workspace names the workspace whose answers are read and written (host/chat/workspaceKey.ts: the same
   *   key in every window on that workspace); read at each call, as folders can be added to a window.
   */
  constructor(
    private readonly state: vscode.Memento,
    private readonly workspace: () => string = currentWorkspaceKey,
  ) {}

  decision(origin: string): BaseUrlDecision | undefined {
    return asDecision(this.mine()[origin]);
  }

  /** This workspace's answers, sorted by origin. */
  list(): RememberedDecision[] {
    return Object.entries(this.mine())
      .flatMap(([origin, value]) => {
        const decision = asDecision(value);
        return decision ? [{ origin, decision }] : [];
      })
      .sort((a, b) => a.origin.localeCompare(b.origin));
  }

  async remember(origin: string, decision: BaseUrlDecision): Promise<void> {
    await this.updateMine({ ...this.mine(), [origin]: decision });
  }

  /** Forget this workspace's answer for one origin: the next question to it asks again. */
  async forget(origin: string): Promise<void> {
    const { [origin]: _forgotten, ...rest } = this.mine();
    await this.updateMine(rest);
  }

  /**
   * Asks whether this workspace's questions may go to its server. Resolves true (allowed) or false (declined: the
   * user-level server is used), both remembered for this workspace; undefined when the dialog was dismissed (send
   * nothing, ask again).
   */
  async ask(ui: HostUi, workspaceUrl: string, userUrl: string): Promise<boolean | undefined> {
    const origin = originOf(workspaceUrl);
    if (!origin) return false;
    const allow = vscode.l10n.t('Allow');
    const decline = vscode.l10n.t("Don't Allow, Use {0}", hostOf(userUrl));
    const choice = await ui.showWarningMessage(
      vscode.l10n.t('This workspace sends your questions to {0}. Allow for this workspace?', hostOf(workspaceUrl)),
      {
        modal: true,
        detail: vscode.l10n.t(
          'Its settings set askLlama.baseUrl to {0}. If you allow it, your questions, the code you select and the chat of this workspace go to {1}, with a key you set for that server only (never your other keys). Otherwise they keep going to {2}. Your answer is remembered for this workspace only (another workspace naming {1} asks again); review or revoke it with Ask Llama: Manage API Keys….',
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

  private all(): Decisions {
    const stored = this.state.get<unknown>(STATE_KEY);
    return isObject(stored) ? (stored as Decisions) : {};
  }

  private mine(): Record<string, unknown> {
    const entry = this.all()[this.workspace()];
    return isObject(entry) ? entry : {};
  }

  private async updateMine(decisions: Record<string, unknown>): Promise<void> {
    const key = this.workspace();
    const { [key]: _old, ...others } = this.all();
    const next = Object.keys(decisions).length ? { ...others, [key]: decisions } : others;
    await this.state.update(STATE_KEY, Object.keys(next).length ? next : undefined);
  }
}

function asDecision(value: unknown): BaseUrlDecision | undefined {
  return value === 'allow' || value === 'deny' ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
