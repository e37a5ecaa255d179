// A key sent over plain http to another machine can be read by anyone on the way (a café's Wi-Fi, a proxy). Before
// the first key goes to a non-loopback http:// server, the user is warned, naming the host, and the key is sent only
// if they agree; the agreement is remembered per origin in the extension's global state (never in settings, which
// a workspace could write) and listed in Manage API Keys, where it can be revoked. Loopback servers (127.0.0.0/8,
// ::1, localhost) never leave the machine and are not asked about.
import * as vscode from 'vscode';
import { hostOf, isLocalBaseUrl, originOf } from '../api';
import type { HostUi } from './ui';

const STATE_KEY = 'askLlama.plainHttpKeyOrigins';

export class PlainHttpConsent {
  /** The modal open for an origin: a second request asking meanwhile gets the same answer, not a second modal. */
  private readonly asking = new Map<string, Promise<boolean>>();
  /** Origins declined, this session, for requests VS Code started (askOnce): not asked about again until reload. */
  private readonly declined = new Set<string>();

  constructor(private readonly state: vscode.Memento) {}

  /** Whether a key for this URL may not be sent until the user agrees: plain http, not loopback, not agreed yet. */
  needsAsking(baseUrl: string): boolean {
    const origin = originOf(baseUrl);
    return origin !== undefined && origin.startsWith('http:') && !isLocalBaseUrl(baseUrl) && !this.origins().includes(origin);
  }

  /** The origins the user agreed to send a key to over plain http, sorted. */
  origins(): string[] {
    const stored = this.state.get<unknown>(STATE_KEY);
    return Array.isArray(stored) ? stored.filter((o): o is string => typeof o === 'string').sort() : [];
  }

  async remember(origin: string): Promise<void> {
    await this.state.update(STATE_KEY, [...new Set([...this.origins(), origin])]);
  }

  async forget(origin: string): Promise<void> {
    const rest = this.origins().filter((o) => o !== origin);
    await this.state.update(STATE_KEY, rest.length ? rest : undefined);
  }

  /**
   * For requests the user did not start in Ask Llama (VS Code's chat calling the chat model provider, possibly several
   * at once): asks like ask(), but a "no" holds for the rest of the session, so a declined server does not bring the
   * modal back with every request. The sidebar's next question still asks (the user starts that one).
   */
  async askOnce(ui: HostUi, baseUrl: string): Promise<boolean> {
    const origin = originOf(baseUrl);
    if (!origin || this.declined.has(origin)) return false;
    const agreed = await this.ask(ui, baseUrl);
    if (!agreed) this.declined.add(origin);
    return agreed;
  }

  /** Modal, naming the host. Resolves true when the key may be sent (now and from then on to this origin). */
  ask(ui: HostUi, baseUrl: string): Promise<boolean> {
    const origin = originOf(baseUrl);
    if (!origin) return Promise.resolve(false);
    let pending = this.asking.get(origin);
    if (!pending) {
      pending = this.showModal(ui, baseUrl, origin).finally(() => this.asking.delete(origin));
      this.asking.set(origin, pending);
    }
    return pending;
  }

  private async showModal(ui: HostUi, baseUrl: string, origin: string): Promise<boolean> {
    const host = hostOf(baseUrl);
    const send = vscode.l10n.t('Send Anyway');
    const choice = await ui.showWarningMessage(
      vscode.l10n.t('Send your API key to {0} over plain HTTP?', host),
      {
        modal: true,
        detail: vscode.l10n.t(
          '{0} is not on this machine and its base URL uses http, not https: the key, your questions and your code travel unencrypted, and anyone on the network path can read them. Use an https base URL if the server offers one. If you send anyway, Ask Llama does not ask again for {0} (revoke in Ask Llama: Manage API Keys…).',
          origin,
        ),
      },
      send,
    );
    if (choice !== send) return false;
    this.declined.delete(origin);
    await this.remember(origin);
    return true;
  }
}
