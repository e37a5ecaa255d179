import type { Attachment, ChatMessage } from '../../common/chatTypes';
import type { SelectionInfo } from '../../common/protocol';
import { l10n } from '../l10n';

/** "utils.ts:10-24" (or ":10" for one line): the chip text for a selection. */
export function selectionLabel(selection: Pick<SelectionInfo, 'fileName' | 'startLine' | 'endLine'>): string {
  const base = selection.fileName.split(/[\\/]/).pop() || selection.fileName;
  const lines = selection.startLine === selection.endLine ? `${selection.startLine}` : `${selection.startLine}-${selection.endLine}`;
  return `${base}:${lines}`;
}

/** A past question's chip title: "src/parser.ts, lines 1–420 of 1–900 sent" or "src/util.ts, lines 10–24". */
export function sentLinesTitle(attachment: Pick<Attachment, 'fileName' | 'startLine' | 'endLine' | 'truncatedTo'>): string {
  const { fileName, startLine, endLine, truncatedTo } = attachment;
  return truncatedTo
    ? l10n.t('{0}, lines {1}–{2} of {3}–{4} sent', fileName, truncatedTo.startLine, truncatedTo.endLine, startLine, endLine)
    : l10n.t('{0}, lines {1}–{2}', fileName, startLine, endLine);
}

/** "1,069 tokens (1,024 in, 45 out) · 2.3 s" */
export function usageLine(message: Pick<ChatMessage, 'usage' | 'durationMs'>): string | undefined {
  const parts: string[] = [];
  const { usage, durationMs } = message;
  if (usage) {
    const n = groupThousands;
    parts.push(l10n.t('{0} tokens ({1} in, {2} out)', n(usage.totalTokens), n(usage.promptTokens), n(usage.completionTokens)));
  }
  if (durationMs !== undefined && durationMs >= 0) parts.push(l10n.t('{0} s', (durationMs / 1000).toFixed(1)));
  return parts.length ? parts.join(' · ') : undefined;
}

/** Why an answer ended early, in words, or undefined for a normal answer. */
export function partialNote(message: Pick<ChatMessage, 'status' | 'finishReason'>): string | undefined {
  if (message.finishReason === 'length') return l10n.t('Truncated — the answer reached the max tokens limit');
  if (message.status === 'partial') return l10n.t('Stopped — partial answer');
  return undefined;
}

export function relativeDate(timestamp: number, now: number): string {
  const minutes = Math.round((now - timestamp) / 60_000);
  if (minutes < 1) return l10n.t('just now');
  if (minutes < 60) return l10n.t('{0} min ago', minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 24) return l10n.t('{0} h ago', hours);
  return new Date(timestamp).toLocaleDateString();
}

/**
 * "12,345". Not `toLocaleString`: its first call loads the ICU locale data, ~40 ms of a saved chat's first paint.
 */
export function groupThousands(value: number): string {
  return String(Math.trunc(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
