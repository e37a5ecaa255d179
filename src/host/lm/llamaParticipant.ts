// The @llama chat participant (/explain, /fix, /tests, /doc) in VS Code's Chat view. It answers with the model
// picked in the chat when that is an Ask Llama model, else with the configured one, sending the editor's selection
// and the request's #file references within the context budget through the request module, streamed as Markdown.
import * as vscode from 'vscode';
import { chat } from '../../api';
import { promptCost } from '../../common/contextBudget';
import type { Attachment } from '../../common/chatTypes';
import { lastSelectedLine } from '../editorSelection';
import { promptTooLargeMessage } from '../promptTooLarge';
import { streamedChatRequest, type RequestSettings } from '../requestContext';
import { LM_VENDOR } from './lmIds';
import type { LmDeps } from './lmDeps';
import { buildParticipantPrompt, isParticipantCommand, type ParticipantTurn } from './participantPrompt';

export type ParticipantDeps = LmDeps;

/** What a result remembers for the follow-ups. */
interface LlamaResultMetadata {
  command?: string;
}

export async function answerChatRequest(
  deps: ParticipantDeps,
  request: vscode.ChatRequest,
  context: vscode.ChatContext,
  stream: vscode.ChatResponseStream,
  token: vscode.CancellationToken,
): Promise<vscode.ChatResult> {
  const metadata: LlamaResultMetadata = { command: request.command };
  const picked = request.model?.vendor === LM_VENDOR ? request.model.id : undefined;
  // A model picked in the chat needs no model check; otherwise the configured model, asked for like the sidebar does.
  const settings: RequestSettings | undefined = picked ? await deps.requests.current(picked) : await deps.requests.prepare();
  if (!settings) return { metadata };
  if (token.isCancellationRequested) return { metadata };

  const selection = selectionAttachment();
  // VS Code's chat also attaches the editor's file, visible lines or selection by itself (its implicit context, which
  // follows the selection a moment later): with a selection, that file is sent as the selection only.
  const references = (await referenceAttachments(request.references)).filter(
    (reference) => !selection.some((selected) => covers(selected, reference) || (reference.implicit && reference.fileName === selected.fileName)),
  );
  const code = [...selection, ...references.map(({ implicit: _implicit, ...attachment }) => attachment)];
  if (isParticipantCommand(request.command) && code.length === 0) {
    stream.markdown(vscode.l10n.t('Select some code in the editor, or attach a file with #file, then ask again.'));
    return { metadata };
  }
  if (!isParticipantCommand(request.command) && request.prompt.trim() === '' && code.length === 0) {
    stream.markdown(vscode.l10n.t('Ask a question, or use /explain, /fix, /tests or /doc on the selected code.'));
    return { metadata };
  }

  const prompt = buildParticipantPrompt({
    command: request.command,
    prompt: request.prompt,
    code,
    history: historyTurns(context),
    systemPrompt: settings.systemPrompt,
    contextLength: settings.contextLength,
    maxTokens: settings.maxTokens,
  });
  if (!prompt.fits) {
    // The question alone exceeds what the window leaves after the answer (the code was already cut to fit): like the
    // sidebar, nothing is sent, and the answer says why and what to do.
    deps.log.info(`@llama request not sent: the prompt needs about ${promptCost(prompt.messages)} tokens, the window leaves ${prompt.budget.promptTokens}`);
    return { metadata, errorDetails: { message: promptTooLargeMessage(prompt.messages, prompt.budget) } };
  }
  for (const attachment of prompt.included) {
    if (attachment.truncatedTo) {
      stream.markdown(vscode.l10n.t('_Only lines {0}–{1} of {2} fit the context window._\n\n', attachment.truncatedTo.startLine, attachment.truncatedTo.endLine, attachment.fileName));
    }
  }
  if (prompt.omitted.length > 0) {
    stream.markdown(vscode.l10n.t('_Left out to fit the context window: {0}._\n\n', prompt.omitted.join(', ')));
  }

  const controller = new AbortController();
  const cancel = token.onCancellationRequested(() => controller.abort());
  try {
    // Model output goes to the chat as Markdown, which VS Code renders without running scripts or raw HTML.
    await chat(streamedChatRequest(settings, prompt.messages, prompt.budget.maxTokens), { signal: controller.signal, onDelta: (text) => stream.markdown(text) });
    return { metadata };
  } catch (error) {
    if (token.isCancellationRequested) return { metadata };
    const view = deps.requests.describeError(error, settings.model);
    deps.log.warn(`@llama request to ${settings.model} failed (${view.kind})`);
    return { metadata, errorDetails: { message: view.message } };
  } finally {
    cancel.dispose();
  }
}

export function followupsFor(result: vscode.ChatResult): vscode.ChatFollowup[] {
  const command = (result.metadata as LlamaResultMetadata | undefined)?.command;
  if (result.errorDetails || !isParticipantCommand(command)) return [];
  const all: vscode.ChatFollowup[] = [
    { prompt: '', command: 'fix', label: vscode.l10n.t('Find and fix bugs in it') },
    { prompt: '', command: 'tests', label: vscode.l10n.t('Write tests for it') },
    { prompt: '', command: 'doc', label: vscode.l10n.t('Document it') },
  ];
  return all.filter((followup) => followup.command !== command);
}

/** The active editor's non-empty selection, as the sidebar would attach it (shortening happens in the prompt). */
function selectionAttachment(): Attachment[] {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return [];
  const code = editor.document.getText(editor.selection);
  if (!code.trim() || code.includes('\u0000')) return [];
  const { start } = editor.selection;
  return [{ fileName: vscode.workspace.asRelativePath(editor.document.uri), languageId: editor.document.languageId, startLine: start.line + 1, endLine: lastSelectedLine(editor.selection), code }];
}

/** True when `inner` is code of the same file within `outer`'s lines. */
function covers(outer: Attachment, inner: Attachment): boolean {
  return outer.fileName === inner.fileName && inner.startLine >= outer.startLine && inner.endLine <= outer.endLine;
}

/** A reference's code, and whether the chat attached it by itself (ids `vscode.implicit.*`) rather than the user. */
interface ReferenceAttachment extends Attachment {
  implicit: boolean;
}

/** #file (a Uri), #selection-like ranges (a Location) and plain-text references; anything else is skipped. */
async function referenceAttachments(references: readonly vscode.ChatPromptReference[]): Promise<ReferenceAttachment[]> {
  const attachments: ReferenceAttachment[] = [];
  // VS Code lists references last-first; the user's order reads better.
  for (const reference of [...references].reverse()) {
    const value = reference.value;
    const implicit = reference.id.startsWith('vscode.implicit');
    try {
      if (value instanceof vscode.Uri || value instanceof vscode.Location) {
        const uri = value instanceof vscode.Uri ? value : value.uri;
        const document = await vscode.workspace.openTextDocument(uri);
        const range = value instanceof vscode.Location ? value.range : undefined;
        const code = document.getText(range);
        if (!code.trim() || code.includes('\u0000')) continue;
        const startLine = (range?.start.line ?? 0) + 1;
        const endLine = range ? lastSelectedLine(range) : document.lineCount;
        attachments.push({ fileName: vscode.workspace.asRelativePath(uri), languageId: document.languageId, startLine, endLine, code, implicit });
      } else if (typeof value === 'string' && value.trim() !== '') {
        attachments.push({ fileName: reference.modelDescription ?? reference.id, languageId: '', startLine: 1, endLine: value.split('\n').length, code: value, implicit });
      }
    } catch {
      // A folder, a deleted file or a binary one: nothing to attach.
    }
  }
  return attachments;
}

/** Earlier @llama questions and the Markdown of their answers. */
function historyTurns(context: vscode.ChatContext): ParticipantTurn[] {
  const turns: ParticipantTurn[] = [];
  let question: string | undefined;
  for (const turn of context.history) {
    if (turn instanceof vscode.ChatRequestTurn) {
      question = turn.command ? `/${turn.command} ${turn.prompt}`.trim() : turn.prompt;
    } else if (turn instanceof vscode.ChatResponseTurn && question !== undefined) {
      const answer = turn.response
        .map((part) => (part instanceof vscode.ChatResponseMarkdownPart ? part.value.value : ''))
        .join('');
      turns.push({ question, answer });
      question = undefined;
    }
  }
  return turns;
}
