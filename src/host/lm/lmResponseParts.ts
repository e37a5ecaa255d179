// How one answer reaches VS Code as language-model response parts, using only the part classes the running VS Code
// has (feature-detected, see vscodeLmTypes.d.ts): text; thinking as LanguageModelThinkingPart (1.104+), else as a
// quoted block before the answer, never run into it; tool calls; and the token usage as a LanguageModelDataPart of
// MIME type "usage" holding the OpenAI usage object, the form VS Code's chat reads from a provider.
import * as vscode from 'vscode';
import type { ToolCall, Usage } from '../../api';

/** The MIME type VS Code's chat reads token usage from (`prompt_tokens`, `completion_tokens`). */
export const USAGE_MIME_TYPE = 'usage';

export class LmResponseWriter {
  private readonly thinkingPart = vscode.LanguageModelThinkingPart;
  private readonly dataPart = vscode.LanguageModelDataPart;
  /** Without a thinking part class: the reasoning so far, shown as one quoted block when the answer starts. */
  private heldReasoning = '';

  constructor(private readonly progress: vscode.Progress<vscode.LanguageModelResponsePart>) {}

  text(value: string): void {
    this.flushReasoning();
    this.progress.report(new vscode.LanguageModelTextPart(value));
  }

  reasoning(value: string): void {
    if (this.thinkingPart) this.progress.report(new this.thinkingPart(value));
    else this.heldReasoning += value;
  }

  toolCall(call: ToolCall): void {
    this.flushReasoning();
    this.progress.report(new vscode.LanguageModelToolCallPart(call.id, call.name, call.arguments));
  }

  /** Reported once, after the answer; nothing on a VS Code without data parts (before 1.105). */
  usage(usage: Usage): void {
    if (!this.dataPart) return;
    const json = JSON.stringify({ prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.totalTokens });
    this.progress.report(new this.dataPart(Buffer.from(json, 'utf8'), USAGE_MIME_TYPE));
  }

  /** The answer ended: reasoning that no answer followed is still shown, as its own block. */
  end(): void {
    this.flushReasoning();
  }

  /** A thinking part is recognised by its class: its shape is a text part's. */
  isThinking(part: unknown): boolean {
    return this.thinkingPart !== undefined && part instanceof this.thinkingPart;
  }

  private flushReasoning(): void {
    if (this.heldReasoning.trim() === '') return;
    const quoted = this.heldReasoning.trim().split('\n').map((line) => `> ${line}`).join('\n');
    this.heldReasoning = '';
    this.progress.report(new vscode.LanguageModelTextPart(`${quoted}\n\n`));
  }
}
