// askLlama.selectModel: a quick pick of the server's chat models (the seed models first, always present, marked
// deprecated and whether the server serves them; then Meta Llama), or any other id typed in; offline it falls back to
// the built-in list. Models of OpenAI-compatible servers running on this machine (Ollama, LM Studio, llama.cpp, vLLM)
// are listed too, grouped by server, each group added as its server answers while the picker shows its spinner; picking
// one sets the base URL and the model together. The probes stop when the picker closes.
import * as vscode from 'vscode';
import { findLocalServers, hostOf, originOf, type LocalServer } from '../../api';
import { buildModelChoices, formatContextLength, type ModelChoice } from '../../common/modelChoices';
import { readSettings, writeModel, writeServerAndModel } from '../config';
import type { LiveRows } from '../ui';
import type { CommandDeps } from './deps';

interface ModelItem extends vscode.QuickPickItem {
  modelId?: string;
  /** The free-text row. */
  other?: true;
  /** A model of a local server: choosing it switches the base URL too. */
  baseUrl?: string;
}

export async function selectModelCommand({ requests, models, ui, localServers, walkthrough }: CommandDeps): Promise<void> {
  const settings = readSettings();
  const host = hostOf(settings.baseUrl);
  const current = originOf(settings.baseUrl);
  // Local servers are looked for only now, at the same time as the server's list, and until the picker closes.
  const rows = new ModelRows();
  const probes = new AbortController();
  void findLocalServers(localServers.ports, {
    timeoutMs: localServers.timeoutMs,
    signal: probes.signal,
    onFound: (server) => {
      if (originOf(server.baseUrl) !== current) rows.addLocalServer(server);
    },
  }).finally(() => rows.probingDone());

  let picked: ModelItem | undefined;
  try {
    // The stored key, withheld over plain http to another machine until the user agreed (requestContextImpl.ts).
    const { apiKey } = await requests.current();
    const live = await models.fetch(settings.baseUrl, apiKey);
    rows.setServerModels(buildModelChoices(live, settings.model), host);
    picked = await ui.showLiveQuickPick(rows, {
      title: live
        ? vscode.l10n.t('Ask Llama: Select Model ({0})', host)
        : vscode.l10n.t('Ask Llama: Select Model (built-in list: {0} did not answer)', host),
      placeHolder: vscode.l10n.t('Current: {0}', settings.model),
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
  } finally {
    probes.abort();
    rows.dispose();
  }
  if (!picked) return;
  if (picked.baseUrl && picked.modelId) {
    await writeServerAndModel(picked.baseUrl, picked.modelId);
  } else {
    const model = picked.other ? await askForModelId(ui, settings.model) : picked.modelId;
    if (!model) return;
    await writeModel(model);
  }
  walkthrough.complete('modelChosen');
}

/** The picker's rows: the server's models, then one group per local server in the order they answered, then "Other". */
class ModelRows implements LiveRows<ModelItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private serverRows: ModelItem[] = [];
  private localRows: ModelItem[] = [];
  private readonly otherRows: ModelItem[] = [separator(''), { label: vscode.l10n.t('$(edit) Other model id…'), other: true, alwaysShow: true }];
  private probing = true;

  get items(): readonly ModelItem[] {
    return [...this.serverRows, ...this.localRows, ...this.otherRows];
  }

  get busy(): boolean {
    return this.probing;
  }

  setServerModels(choices: ModelChoice[], host: string): void {
    this.serverRows = serverItems(choices, host);
    this.changed.fire();
  }

  addLocalServer(server: LocalServer): void {
    this.localRows = [...this.localRows, ...localItems(server)];
    this.changed.fire();
  }

  probingDone(): void {
    this.probing = false;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function serverItems(choices: ModelChoice[], host: string): ModelItem[] {
  const llamas = choices.filter((c) => c.isMetaLlama);
  const others = choices.filter((c) => !c.isMetaLlama);
  const items: ModelItem[] = [];
  if (llamas.length) items.push(separator(vscode.l10n.t('Meta Llama')), ...llamas.map((c) => toItem(c, host)));
  if (others.length) items.push(separator(vscode.l10n.t('Other models')), ...others.map((c) => toItem(c, host)));
  return items;
}

/** A local server's group: "Ollama on this machine · 127.0.0.1:11434", then its models. */
function localItems(server: LocalServer): ModelItem[] {
  return [
    separator(vscode.l10n.t('{0} on this machine · {1}', server.name, hostOf(server.baseUrl))),
    ...server.models.map((model) => ({
      label: model.id,
      description: vscode.l10n.t('switches the base URL to {0}', server.baseUrl),
      modelId: model.id,
      baseUrl: server.baseUrl,
    })),
  ];
}

function toItem(choice: ModelChoice, host: string): ModelItem {
  const notes: string[] = [];
  if (choice.contextLength) notes.push(vscode.l10n.t('{0} context', formatContextLength(choice.contextLength)));
  if (choice.isSeed) notes.push(vscode.l10n.t('deprecated per the provider docs'));
  if (!choice.listedByServer) notes.push(vscode.l10n.t('not served by {0}', host));
  return {
    label: choice.isCurrent ? `$(check) ${choice.id}` : choice.id,
    description: notes.join(' · '),
    modelId: choice.id,
  };
}

function separator(label: string): ModelItem {
  return { label, kind: vscode.QuickPickItemKind.Separator };
}

async function askForModelId(ui: CommandDeps['ui'], current: string): Promise<string | undefined> {
  const id = await ui.showInputBox({
    title: vscode.l10n.t('Ask Llama: Other Model'),
    prompt: vscode.l10n.t('Model id exactly as the server names it'),
    value: current,
    ignoreFocusOut: true,
    validateInput: (value) =>
      !value.trim()
        ? vscode.l10n.t('Type a model id, e.g. meta-llama/Llama-3.3-70B-Instruct-Turbo.')
        : /\s/.test(value.trim())
          ? vscode.l10n.t('A model id has no spaces.')
          : undefined,
  });
  return id?.trim() || undefined;
}
