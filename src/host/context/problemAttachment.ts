// Turns the problems VS Code reports on some lines (errors and warnings) into a "Fix with Llama" question: the
// problems' messages and codes, and the affected lines with the code around them as the attachment, whose location
// is where Apply puts the answer's corrected lines.
import * as vscode from 'vscode';
import type { Attachment } from '../../common/chatTypes';
import { fixQuestion, problemLines, type ProblemInfo } from '../../common/problemPrompt';
import { codeLocation } from '../editorSelection';

export interface FixRequest {
  question: string;
  attachment: Attachment;
}

/** Only errors and warnings are worth a fix; hints and information are not problems. */
export function isFixable(diagnostic: vscode.Diagnostic): boolean {
  return diagnostic.severity === vscode.DiagnosticSeverity.Error || diagnostic.severity === vscode.DiagnosticSeverity.Warning;
}

export function problemInfo(diagnostic: vscode.Diagnostic): ProblemInfo {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return {
    severity: diagnostic.severity === vscode.DiagnosticSeverity.Error ? 'error' : 'warning',
    message: diagnostic.message,
    code: code === undefined ? undefined : String(code),
    source: diagnostic.source,
    startLine: diagnostic.range.start.line + 1,
    endLine: diagnostic.range.end.line + 1,
  };
}

export function fixRequest(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): FixRequest | undefined {
  const problems = diagnostics.filter(isFixable).map(problemInfo);
  if (problems.length === 0) return undefined;
  const { startLine, endLine } = problemLines(problems, document.lineCount);
  // Whole lines, without the last line's line break: the answer's block replaces exactly these lines.
  const range = new vscode.Range(startLine - 1, 0, endLine - 1, document.lineAt(endLine - 1).text.length);
  const attachment: Attachment = {
    fileName: document.isUntitled ? document.uri.path : vscode.workspace.asRelativePath(document.uri, false),
    languageId: document.languageId,
    startLine,
    endLine,
    code: document.getText(range),
    location: codeLocation(document.uri, range),
  };
  return { question: fixQuestion(problems, startLine, endLine), attachment };
}
