// askLlama.manageApiKeys: which servers have a key (their origins, never the keys), with the current one marked;
// picking one offers to remove its key, and a first row sets the current server's key. Below them, the answers given
// about servers (approvalRows.ts), revoked by picking one. The language model provider names this command as its
// management command.
import * as vscode from 'vscode';
import { originOf } from '../../api';
import { hostOf } from '../../api';
import { reportKeyringError } from '../apiKeyPrompt';
import { readSettings } from '../config';
import { removeApiKey } from './apiKeyRemoval';
import { approvalRows, type ApprovalItem } from './approvalRows';
import type { CommandDeps } from './deps';
import { setApiKeyCommand } from './setApiKey';

interface KeyItem extends ApprovalItem {
  origin?: string;
}

export async function manageApiKeysCommand(deps: CommandDeps): Promise<void> {
  const { keys, ui, approvals } = deps;
  let origins: string[];
  try {
    origins = await keys.origins();
  } catch (error) {
    await reportKeyringError(error, ui);
    return;
  }
  const current = originOf(readSettings().baseUrl);
  const setRow: KeyItem = {
    label: vscode.l10n.t('$(key) Set API Key for {0}…', current ? hostOf(current) : vscode.l10n.t('the current server')),
    alwaysShow: true,
  };
  const rows: KeyItem[] = origins.map((origin) => ({
    label: hostOf(origin),
    description: origin === current ? vscode.l10n.t('{0} · current server', origin) : origin,
    detail: vscode.l10n.t('Select to remove this key'),
    origin,
  }));
  const picked = await ui.showQuickPick<KeyItem>([setRow, ...rows, ...approvalRows(approvals, ui)], {
    title: vscode.l10n.t('Ask Llama: API Keys'),
    placeHolder: origins.length
      ? vscode.l10n.t('Servers with a stored key. Select one to remove its key.')
      : vscode.l10n.t('No server has a stored key yet.'),
    matchOnDescription: true,
  });
  if (!picked) return;
  if (picked.revoke) await picked.revoke();
  else if (picked.origin) await removeApiKey(keys, ui, picked.origin);
  else await setApiKeyCommand(deps);
}
