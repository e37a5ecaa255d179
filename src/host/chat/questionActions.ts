// What starts an answer: a new question (from a command or the page), an edited last question, or a retry. Each one
// takes the request slot (waiting for the settings), changes the open chat, and hands over to answerLastQuestion().
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Attachment, Chat, ChatMessage } from '../../common/chatTypes';
import { titleFromQuestion } from '../../common/chatTitle';
import type { RequestSettings } from '../requestContext';
import type { AttachedFiles } from '../context/attachedFiles';
import { answerLastQuestion, type AnswerTurnDeps } from './answerTurn';

export interface QuestionActionsDeps extends AnswerTurnDeps {
  /** Called with each question as it joins the chat (the controller starts following its code's location). */
  onQuestion?(question: ChatMessage): void;
  /** The files attached in the page; the page's Send carries them and then clears them. */
  files?: AttachedFiles;
  /** The active editor's file for the page's next question, fitted to what the attached files left (its chip said which lines). */
  currentFile?(): Promise<Attachment | undefined>;
}

export class QuestionActions {
  constructor(private readonly deps: QuestionActionsDeps) {}

  /** Asks `question` in the open chat. */
  async ask(question: string, attachment: Attachment | undefined, withFiles = false): Promise<void> {
    const settings = await this.takeTurn(question);
    if (!settings) return;
    const chat = this.deps.page.openChat;
    const files = withFiles ? [...(this.deps.files?.list ?? [])] : [];
    this.addQuestion(chat, question, attachment, files);
    if (withFiles) this.deps.files?.clear();
    await answerLastQuestion(this.deps, chat, settings);
  }

  /**
   * The page's Send: the question with the selection (or, with none, the current file) unless the user removed its
   * chip, and the attached files. An empty question or a cancelled selection puts the text back into the input.
   */
  async askFromPage(text: string, includeSelection: boolean, includeCurrentFile = false): Promise<void> {
    if (!text.trim()) {
      this.deps.page.send({ type: 'focusInput', text });
      return;
    }
    let attachment: Attachment | undefined;
    if (includeSelection) {
      const captured = await this.deps.requests.captureSelection(this.deps.files?.list);
      if (captured === null) {
        this.deps.page.send({ type: 'focusInput', text });
        return;
      }
      attachment = captured;
    } else if (includeCurrentFile) {
      attachment = await this.deps.currentFile?.();
    }
    await this.ask(text, attachment, true);
  }

  /** Regenerates the last answer. */
  async retry(): Promise<void> {
    const settings = await this.takeTurn();
    if (!settings) return;
    const chat = this.deps.page.openChat;
    const questionIndex = lastQuestionIndex(chat);
    if (questionIndex < 0) return;
    this.truncate(chat, questionIndex + 1);
    await answerLastQuestion(this.deps, chat, settings);
  }

  /** Replaces the last question with new text (keeping its attachment) and asks again. */
  async editLast(text: string): Promise<void> {
    if (!text.trim()) return;
    const settings = await this.takeTurn(text);
    if (!settings) return;
    const chat = this.deps.page.openChat;
    const questionIndex = lastQuestionIndex(chat);
    if (questionIndex < 0) return;
    const { attachment, files } = chat.messages[questionIndex];
    this.truncate(chat, questionIndex);
    this.addQuestion(chat, text, attachment, files);
    await answerLastQuestion(this.deps, chat, settings);
  }

  /**
   * Everything a new request waits for, in order: the restored chat, the settings (the user may be asked for a key),
   * and the end of the answer in flight (kept as partial). Undefined when the user backed out or a newer request
   * overtook this one while it waited; the question's text, if any, then goes back to the input rather than vanishing.
   */
  private async takeTurn(questionText?: string): Promise<RequestSettings | undefined> {
    await this.deps.page.restore();
    // The question goes after any turns another window added to this chat (read before the slot is taken, so that
    // nothing is awaited between taking the slot and starting the answer).
    await this.deps.page.refreshOpenChat();
    const settings = await this.deps.slot.take(() => this.deps.requests.prepare());
    if (!settings && questionText !== undefined) this.deps.page.send({ type: 'focusInput', text: questionText });
    return settings;
  }

  private addQuestion(chat: Chat, text: string, attachment: Attachment | undefined, files: readonly Attachment[] = []): void {
    const message: ChatMessage = {
      id: randomUUID(),
      role: 'user',
      text,
      createdAt: Date.now(),
      ...(attachment ? { attachment } : {}),
      ...(files.length > 0 ? { files: [...files] } : {}),
    };
    if (chat.messages.length === 0) chat.title = titleFromQuestion(text, vscode.l10n.t('New chat'));
    chat.messages.push(message);
    chat.updatedAt = message.createdAt;
    this.deps.onQuestion?.(message);
    this.deps.page.send({ type: 'messageAdded', chatId: chat.id, message });
  }

  private truncate(chat: Chat, keepCount: number): void {
    chat.messages.length = keepCount;
    this.deps.page.send({ type: 'messagesTruncated', chatId: chat.id, keepCount });
  }
}

function lastQuestionIndex(chat: Chat): number {
  for (let i = chat.messages.length - 1; i >= 0; i--) if (chat.messages[i].role === 'user') return i;
  return -1;
}
