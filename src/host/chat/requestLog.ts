// One log line per request, in the "Ask Llama" LogOutputChannel: what a user or maintainer needs to diagnose a slow or
// failed answer. Never the key; message content only at trace level (the user chooses that level).
import type * as vscode from 'vscode';
import { hostOf, type Usage } from '../../api';

export interface RequestRecord {
  model: string;
  baseUrl: string;
  outcome: 'done' | 'partial' | 'stopped' | 'error';
  errorKind?: string;
  status?: number;
  requestId?: string;
  timeToFirstTokenMs?: number;
  totalMs: number;
  usage?: Usage;
  retries: number;
}

export function formatRequestRecord(r: RequestRecord): string {
  const parts = [
    `outcome=${r.outcome}${r.errorKind ? `(${r.errorKind})` : ''}`,
    `model=${r.model}`,
    // The host only: a base URL can carry credentials (user:pass@) or tokens in its path or query.
    `host=${hostOf(r.baseUrl, '(invalid URL)')}`,
    `status=${r.status ?? (r.outcome === 'error' ? '-' : 200)}`,
    `ttft=${r.timeToFirstTokenMs === undefined ? '-' : `${r.timeToFirstTokenMs}ms`}`,
    `total=${r.totalMs}ms`,
    `tokens=${r.usage ? `${r.usage.promptTokens}+${r.usage.completionTokens}=${r.usage.totalTokens}` : '-'}`,
    `retries=${r.retries}`,
  ];
  if (r.requestId) parts.push(`requestId=${r.requestId}`);
  return `Chat request: ${parts.join(' ')}`;
}

export function logRequest(log: vscode.LogOutputChannel, record: RequestRecord): void {
  const line = formatRequestRecord(record);
  if (record.outcome === 'error') log.warn(line);
  else log.info(line);
}
