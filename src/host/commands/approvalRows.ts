// The rows Manage API Keys shows below the keys: the answers the user gave about servers (this workspace's base URL
// approvals), each revoked by picking it, so that the next question asks again.
import * as vscode from 'vscode';
import { hostOf } from '../../api';
import type { BaseUrlApprovals } from '../baseUrlApprovals';
import type { HostUi } from '../ui';

export interface ApprovalItem extends vscode.QuickPickItem {
  /** Picking the row forgets the answer and says so. */
  revoke?: () => Promise<void>;
}

export function approvalRows(approvals: BaseUrlApprovals, ui: HostUi): ApprovalItem[] {
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
