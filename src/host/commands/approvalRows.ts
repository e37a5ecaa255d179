// The rows Manage API Keys shows below the keys: the answers the user gave about servers (this workspace's base URL
// approvals, and the servers a key may go to over plain http), each revoked by picking it, so that the next question
// asks again.
import * as vscode from 'vscode';
import { hostOf } from '../../api';
import type { BaseUrlApprovals } from '../baseUrlApprovals';
import type { PlainHttpConsent } from '../plainHttpConsent';
import type { HostUi } from '../ui';

export interface ApprovalItem extends vscode.QuickPickItem {
  /** Picking the row forgets the answer and says so. */
  revoke?: () => Promise<void>;
}

export function approvalRows(approvals: BaseUrlApprovals, plainHttp: PlainHttpConsent, ui: HostUi): ApprovalItem[] {
  return [...baseUrlRows(approvals, ui), ...plainHttpRows(plainHttp, ui)];
}

function plainHttpRows(plainHttp: PlainHttpConsent, ui: HostUi): ApprovalItem[] {
  const origins = plainHttp.origins();
  if (!origins.length) return [];
  const rows: ApprovalItem[] = [{ label: vscode.l10n.t('Keys sent over plain HTTP'), kind: vscode.QuickPickItemKind.Separator }];
  for (const origin of origins) {
    rows.push({
      label: hostOf(origin),
      description: vscode.l10n.t('{0} · key sent over plain HTTP', origin),
      detail: vscode.l10n.t('Select to revoke: the next question asks before sending the key'),
      revoke: async () => {
        await plainHttp.forget(origin);
        void ui.showInformationMessage(vscode.l10n.t('Ask Llama: will ask before sending a key to {0} over plain HTTP.', hostOf(origin)), {});
      },
    });
  }
  return rows;
}

function baseUrlRows(approvals: BaseUrlApprovals, ui: HostUi): ApprovalItem[] {
  const remembered = approvals.list();
  if (!remembered.length) return [];
  const rows: ApprovalItem[] = [{ label: vscode.l10n.t("This workspace's base URL"), kind: vscode.QuickPickItemKind.Separator }];
  for (const { origin, decision } of remembered) {
    rows.push({
      label: hostOf(origin),
      description:
        decision === 'allow'
          ? vscode.l10n.t('{0} · allowed for this workspace', origin)
          : vscode.l10n.t('{0} · not allowed for this workspace', origin),
      detail: vscode.l10n.t('Select to revoke: the next question asks again'),
      revoke: async () => {
        await approvals.forget(origin);
        void ui.showInformationMessage(
          vscode.l10n.t('Ask Llama: this workspace will ask again before sending questions to {0}.', hostOf(origin)),
          {},
        );
      },
    });
  }
  return rows;
}
