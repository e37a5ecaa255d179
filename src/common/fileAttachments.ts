// Files attached to the next chat question: they share one context budget (the selection's, selectionBudget.ts), so
// each new file gets what the files before it left, as its first lines when it does not fit whole. Pure.
import type { Attachment } from './chatTypes';
import { fitSelection } from './selectionBudget';
import { estimateTokens } from './tokens';

/** Each attached file costs its code plus the "File: … (language: …)" line and the fence around it. */
export const FILE_FRAME_TOKENS = 32;

/** Files larger than this are refused before they are read into a prompt. */
export const MAX_ATTACHED_FILE_BYTES = 2 * 1024 * 1024;

export function attachedTokens(files: readonly Attachment[]): number {
  return files.reduce((sum, file) => sum + estimateTokens(file.code) + FILE_FRAME_TOKENS, 0);
}

/**
 * The whole file as an attachment, or its first lines (with `truncatedTo`) when only those fit in what `attached`
 * left of `budgetTokens`; undefined when not even one line fits, or when an earlier file was already cut (the budget is
 * spent: a later file would otherwise slip into the last few tokens while the user sees the earlier one cut).
 */
export function fitFile(fileName: string, languageId: string, text: string, budgetTokens: number, attached: readonly Attachment[]): Attachment | undefined {
  if (attached.some((file) => file.truncatedTo)) return undefined;
  const lineCount = text.split('\n').length;
  const whole: Attachment = { fileName, languageId, startLine: 1, endLine: lineCount, code: text };
  const fit = fitSelection(text, 1, budgetTokens - attachedTokens(attached) - FILE_FRAME_TOKENS);
  if (fit.fits) return whole;
  if (fit.endLine === undefined) return undefined;
  return { ...whole, code: fit.code, truncatedTo: { startLine: 1, endLine: fit.endLine } };
}

/** What the page shows on a file's chip: "parser.ts" or "parser.ts (lines 1–420 of 900)". */
export function fileChipLabel(file: Pick<Attachment, 'fileName' | 'endLine' | 'truncatedTo'>): string {
  return file.truncatedTo ? `${file.fileName} (lines 1–${file.truncatedTo.endLine} of ${file.endLine})` : file.fileName;
}
