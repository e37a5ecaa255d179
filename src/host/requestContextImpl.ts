// Resolves everything one request needs at the moment it is sent: fresh settings, the key of the base URL's origin
// from SecretStorage (asking for it when a remote server needs one), a check that the configured model still exists,
// and the context window.
import * as vscode from 'vscode';
import { hostOf, isLocalBaseUrl, originOf } from '../api';
import type { Attachment, ErrorView } from '../common/chatTypes';
import { attachedTokens } from '../common/fileAttachments';
import { findModel, pickLiveLlama, shortModelName } from '../common/modelChoices';
import { promptAndStoreApiKey, reportKeyringError } from './apiKeyPrompt';
import { readSettings, writeModel, type UserSettings } from './config';
import { captureCurrentFile, includeCurrentFile } from './context/currentFile';
import { captureEditorSelection } from './editorSelection';
import { describeFailure } from './errorMessages';
import type { ModelCatalog } from './models/modelCatalog';
import type { RequestContext, RequestSettings } from './requestContext';
import type { ApiKeyStore } from './secrets';
import type { BaseUrlApprovals } from './baseUrlApprovals';
import type { PlainHttpConsent } from './plainHttpConsent';
import type { HostUi } from './ui';

export interface RequestContextDeps {
  keys: ApiKeyStore;
  approvals: BaseUrlApprovals;
  /** Whether a key may go to a non-loopback server over plain http (asked once per origin). */
  plainHttp: PlainHttpConsent;
  models: ModelCatalog;
  ui: HostUi;
  log: vscode.LogOutputChannel;
}

export class RequestContextImpl implements RequestContext {
  /** "baseUrl model" pairs already checked against the server's list this session: the check runs once each. */
  private readonly checkedModels = new Set<string>();

  constructor(private readonly deps: RequestContextDeps) {}

  async prepare(): Promise<RequestSettings | undefined> {
    let settings = readSettings();
    if (settings.unapprovedBaseUrl) {
      // A workspace names another server: nothing goes there (nor anywhere) until the user has answered.
      const allowed = await this.deps.approvals.ask(this.deps.ui, settings.unapprovedBaseUrl, settings.baseUrl);
      if (allowed === undefined) return undefined;
      settings = readSettings();
    }
    const apiKey = await this.resolveKey(settings.baseUrl);
    if (apiKey === null) return undefined;
    const model = await this.confirmModel(settings, apiKey);
    if (model === undefined) return undefined;
    return {
      baseUrl: settings.baseUrl,
      apiKey,
      model,
      temperature: settings.temperature,
      maxTokens: settings.maxTokens,
      systemPrompt: settings.systemPrompt,
      timeoutMs: settings.timeoutSeconds * 1000,
      contextLength: this.deps.models.contextLength(settings.baseUrl, model, settings),
    };
  }

  async current(model?: string): Promise<RequestSettings> {
    const settings = readSettings();
    const chosen = model ?? settings.model;
    return {
      baseUrl: settings.baseUrl,
      apiKey: await this.storedKeyQuietly(settings.baseUrl),
      model: chosen,
      temperature: settings.temperature,
      maxTokens: settings.maxTokens,
      systemPrompt: settings.systemPrompt,
      timeoutMs: settings.timeoutSeconds * 1000,
      contextLength: this.deps.models.contextLength(settings.baseUrl, chosen, settings),
    };
  }

  async currentWithConsent(model?: string): Promise<RequestSettings | undefined> {
    const settings = await this.current(model);
    if (!this.deps.plainHttp.needsAsking(settings.baseUrl)) return settings;
    const stored = await this.deps.keys.keyFor(settings.baseUrl).catch(() => undefined);
    // No key stored: nothing to protect, the request goes without one as it would anyway.
    if (!stored) return settings;
    return (await this.deps.plainHttp.askOnce(this.deps.ui, settings.baseUrl)) ? { ...settings, apiKey: stored } : undefined;
  }

  async captureSelection(alongside: readonly Attachment[] = []): Promise<Attachment | undefined | null> {
    const settings = readSettings();
    // The window decides whether the selection fits, so learn it now (the list is public on the AI/ML API; a
    // server that wants a key for it just leaves us on the built-in figures).
    if (vscode.window.activeTextEditor?.selection.isEmpty === false) {
      await this.deps.models.ensure(settings.baseUrl, await this.storedKeyQuietly(settings.baseUrl));
    }
    return captureEditorSelection(this.deps.ui, {
      model: settings.model,
      maxTokens: settings.maxTokens,
      systemPrompt: settings.systemPrompt,
      contextLength: this.deps.models.contextLength(settings.baseUrl, settings.model, settings),
      reservedTokens: attachedTokens(alongside),
    });
  }

  async captureCurrentFile(): Promise<Attachment | undefined> {
    const settings = readSettings();
    if (!vscode.window.activeTextEditor || !includeCurrentFile()) return undefined;
    await this.deps.models.ensure(settings.baseUrl, await this.storedKeyQuietly(settings.baseUrl));
    return captureCurrentFile({
      maxTokens: settings.maxTokens,
      systemPrompt: settings.systemPrompt,
      contextLength: this.deps.models.contextLength(settings.baseUrl, settings.model, settings),
    });
  }

  describeError(error: unknown, model?: string): ErrorView {
    const settings = readSettings();
    return describeFailure(error, {
      model: model ?? settings.model,
      host: hostOf(settings.baseUrl),
      timeoutSeconds: settings.timeoutSeconds,
      apiKeys: this.deps.keys.knownKeysForRedaction(),
    });
  }

  /** The key stored for this server, without prompting or reporting keyring trouble (prepare() does that). */
  private async storedKeyQuietly(baseUrl: string): Promise<string | undefined> {
    // Over plain http to another machine, only once the user agreed (prepare() asks): until then, no key.
    if (this.deps.plainHttp.needsAsking(baseUrl)) return undefined;
    return this.deps.keys.keyFor(baseUrl).catch(() => undefined);
  }

  /** The key, or null when it would go over plain http to another machine and the user did not agree. */
  private async sendable(baseUrl: string, key: string | undefined): Promise<string | undefined | null> {
    if (!key || !this.deps.plainHttp.needsAsking(baseUrl)) return key;
    return (await this.deps.plainHttp.ask(this.deps.ui, baseUrl)) ? key : null;
  }

  /**
   * The key to send: the one stored for the base URL's origin. A remote server without one asks for it; a local one
   * gets none unless the user set one for it (vLLM `--api-key`). Null when a key is needed and the user backed out.
   */
  private async resolveKey(baseUrl: string): Promise<string | undefined | null> {
    const origin = originOf(baseUrl);
    // Not an http(s) URL: the request fails with its own message, and carries no key.
    if (!origin) return undefined;
    let stored: string | undefined;
    try {
      stored = await this.deps.keys.get(origin);
    } catch (error) {
      await reportKeyringError(error, this.deps.ui);
      return null;
    }
    if (stored || isLocalBaseUrl(baseUrl)) return this.sendable(baseUrl, stored);

    const host = hostOf(baseUrl);
    const setKey = vscode.l10n.t('Set API Key');
    const openSettings = vscode.l10n.t('Open Settings');
    const choice = await this.deps.ui.showWarningMessage(
      vscode.l10n.t('Ask Llama needs an API key for {0}', host),
      {
        modal: true,
        detail: vscode.l10n.t(
          'Set your key to send this question. To use a local server (Ollama, LM Studio, llama.cpp) that needs no key, change the base URL in settings instead.',
        ),
      },
      setKey,
      openSettings,
    );
    if (choice === setKey) {
      const entered = await promptAndStoreApiKey(this.deps.keys, this.deps.ui, origin);
      return entered ? this.sendable(baseUrl, entered) : null;
    }
    if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', 'askLlama.baseUrl');
    return null;
  }

  /**
   * Before the first request to a server with a given model: when the server's list is available and lacks the model
   * (the seed models are deprecated upstream), offer a live Llama model. Resolves the model to use, or undefined.
   */
  private async confirmModel(settings: UserSettings, apiKey: string | undefined): Promise<string | undefined> {
    const checkKey = `${settings.baseUrl} ${settings.model}`;
    if (this.checkedModels.has(checkKey)) return settings.model;
    // `ensure`: a list already fetched serves; after a failure the catalog backs off, so a server without /models
    // (or whose /models hangs) is not asked again before every question.
    let live = await this.deps.models.ensure(settings.baseUrl, apiKey);
    // A remembered list can be older than the server's (a model pulled since, another server now on that port):
    // ask the server again before calling the model missing.
    if (live && live.length > 0 && !findModel(live, settings.model)) live = (await this.deps.models.fetch(settings.baseUrl, apiKey)) ?? live;
    // No list (offline, or a server without /models): nothing to check against, send as configured.
    if (!live || live.length === 0 || findModel(live, settings.model)) {
      if (live) this.checkedModels.add(checkKey);
      return settings.model;
    }
    const replacement = pickLiveLlama(live);
    const useAnyway = vscode.l10n.t('Use Anyway');
    const chooseModel = vscode.l10n.t('Choose Model…');
    const switchTo = replacement ? vscode.l10n.t('Switch to {0}', shortModelName(replacement.id)) : undefined;
    const buttons = switchTo ? [switchTo, useAnyway] : [chooseModel, useAnyway];
    this.deps.log.warn(`Model ${settings.model} is not in the model list of ${hostOf(settings.baseUrl)}`);
    const choice = await this.deps.ui.showWarningMessage(
      vscode.l10n.t('{0} does not list the model {1}; it may be deprecated.', hostOf(settings.baseUrl), settings.model),
      {
        modal: true,
        detail: replacement
          ? vscode.l10n.t('Switch to {0}, a Llama model the server lists, or send to {1} anyway.', replacement.id, settings.model)
          : vscode.l10n.t('Choose a model the server lists, or send to {0} anyway.', settings.model),
      },
      ...buttons,
    );
    if (choice === useAnyway) {
      this.checkedModels.add(checkKey);
      return settings.model;
    }
    if (replacement && choice === switchTo) {
      await writeModel(replacement.id);
      this.checkedModels.add(`${settings.baseUrl} ${replacement.id}`);
      return replacement.id;
    }
    // Dismissed, or off to Select Model: this question is not sent, but the same warning is not put before every
    // question of the session either; a model picked in Select Model is a new pair and checked on its own.
    this.checkedModels.add(checkKey);
    if (choice === chooseModel) void vscode.commands.executeCommand('askLlama.selectModel');
    return undefined;
  }
}
