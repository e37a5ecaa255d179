// One answer's life: prompt → request → stream → settle → save. The question is already the last message of the chat
// and the request slot is already taken; this file builds the prompt, sends it through the shared api `chat()`, streams
// the text to the page, classifies how the answer ended, saves the chat and logs one line about the request.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { ApiError, chat as requestChat, redactSecrets, type ChatResult } from '../../api';
import type { Chat, ChatMessage, ErrorView } from '../../common/chatTypes';
import { promptCost } from '../../common/contextBudget';
import { buildPrompt, type BuiltPrompt } from '../../common/prompt';
import { promptTooLargeMessage } from '../promptTooLarge';
import { streamedChatRequest, type RequestContext, type RequestSettings } from '../requestContext';
import { DeltaCoalescer } from './deltaCoalescer';
import type { HistoryStore } from './historyStore';
import type { PageSession } from './pageSession';
import { logRequest, type RequestRecord } from './requestLog';
import type { Flight, RequestSlot } from './requestSlot';

export interface AnswerTurnDeps {
  page: PageSession;
  slot: RequestSlot;
  store: HistoryStore;
  requests: RequestContext;
  log: vscode.LogOutputChannel;
}

/** Streams an answer to the last message of `chat` (a question). Resolves when the answer has settled and is saved. */
export async function answerLastQuestion(deps: AnswerTurnDeps, chat: Chat, settings: RequestSettings): Promise<void> {
  const { page, slot, store, log } = deps;
  const prompt = promptFor(chat, settings);
  if (prompt.omittedMessages > 0) {
    page.send({
      type: 'notice',
      level: 'info',
      text: vscode.l10n.t("{0} older message(s) were left out to fit the model's context window.", prompt.omittedMessages),
    });
  }
  const answer: ChatMessage = { id: randomUUID(), role: 'assistant', text: '', createdAt: Date.now(), status: 'streaming', model: settings.model };
  chat.messages.push(answer);
  chat.updatedAt = answer.createdAt;
  if (!prompt.fits) {
    // The question and its code alone exceed what the window leaves after the answer: the server would refuse it or
    // silently cut it, and a paid one would bill it. Nothing is sent; the answer says why and what to do.
    answer.status = 'error';
    answer.error = tooLargeError(prompt);
    page.send({ type: 'messageAdded', chatId: chat.id, message: answer });
    log.info(`Chat request not sent: the prompt needs about ${promptCost(prompt.messages)} tokens, the window leaves ${prompt.budget.promptTokens}`);
    await store.save(chat);
    // Settled like any answer, so whoever waits for the slot's settle event hears of it.
    slot.end(slot.begin(chat, answer));
    await page.syncChatList();
    return;
  }
  page.send({ type: 'messageAdded', chatId: chat.id, message: answer });
  const flight = slot.begin(chat, answer);
  // Saved now so that the question survives a crash; the write is queued, never awaited by the stream.
  void store.save(chat);

  const started = Date.now();
  let firstTokenAt: number | undefined;
  // What the page has been sent is exactly answer.text, so a `state` sent mid-stream and the deltas after it never
  // overlap; text still waiting in the coalescer is added when it goes out.
  const deltas = new DeltaCoalescer((text) => {
    answer.text += text;
    page.send({ type: 'delta', chatId: chat.id, messageId: answer.id, text });
    store.scheduleSave(chat);
  });
  let retries = 0;
  let record: RequestRecord;
  log.trace(`Chat request messages: ${redactSecrets(JSON.stringify(prompt.messages), settings.apiKey)}`);
  try {
    const result = await requestChat(streamedChatRequest(settings, prompt.messages, prompt.budget.maxTokens), {
      signal: flight.abort.signal,
      // Every piece of text arrives here, also when the server answered in one piece (a non-streamed completion).
      onDelta: (text) => {
        if (!text) return;
        firstTokenAt ??= Date.now();
        deltas.push(text);
      },
      onRetry: ({ attempt, delayMs, error }) => {
        retries = attempt;
        log.info(`Retrying the request (attempt ${attempt}) in ${delayMs} ms after ${error.kind}${error.status ? ` ${error.status}` : ''}.`);
      },
    });
    deltas.flush();
    record = settleFromResult(flight, result, settings);
  } catch (err) {
    deltas.flush();
    record = settleFromError(deps, flight, err, settings);
  }

  const finished = Date.now();
  answer.durationMs = finished - started;
  chat.updatedAt = finished;
  page.send({ type: 'messageUpdated', chatId: chat.id, message: answer });
  const saving = store.save(chat);
  slot.end(flight);
  logRequest(log, { ...record, retries, totalMs: answer.durationMs, timeToFirstTokenMs: firstTokenAt === undefined ? undefined : firstTokenAt - started });
  log.trace(`Chat answer (${answer.status}): ${answer.text}`);
  await saving;
  await page.syncChatList();
}

function tooLargeError(prompt: BuiltPrompt): ErrorView {
  return { kind: 'too_large', message: promptTooLargeMessage(prompt.messages, prompt.budget), actions: [] };
}

function promptFor(chat: Chat, settings: RequestSettings): BuiltPrompt {
  const question = chat.messages[chat.messages.length - 1];
  return buildPrompt({
    systemPrompt: settings.systemPrompt,
    history: chat.messages.slice(0, -1),
    question: question.text,
    attachment: question.attachment,
    files: question.files,
    contextLength: settings.contextLength,
    maxTokens: settings.maxTokens,
  });
}

/** The request finished: done, or partial when the user stopped it. */
function settleFromResult(flight: Flight, result: ChatResult, settings: RequestSettings): RequestRecord {
  const { answer, stoppedByUser } = flight;
  answer.status = stoppedByUser ? 'partial' : 'done';
  answer.usage = result.usage;
  answer.finishReason = result.finishReason;
  if (result.model) answer.model = result.model;
  return baseRecord(settings, { outcome: stoppedByUser ? 'stopped' : 'done', usage: result.usage, requestId: result.requestId });
}

/** The request failed: stopped (partial, no error), cut off (partial with the error) or failed (error). */
function settleFromError(deps: AnswerTurnDeps, flight: Flight, err: unknown, settings: RequestSettings): RequestRecord {
  const { answer, stoppedByUser } = flight;
  const kind = err instanceof ApiError ? err.kind : undefined;
  const record = baseRecord(settings, {
    outcome: 'error',
    errorKind: kind ?? 'unexpected',
    status: err instanceof ApiError ? err.status : undefined,
    requestId: err instanceof ApiError ? err.requestId : undefined,
  });
  if (stoppedByUser || kind === 'cancelled') {
    answer.status = 'partial';
    record.outcome = 'stopped';
  } else if (kind === 'truncated') {
    answer.status = 'partial';
    answer.error = deps.requests.describeError(err);
    record.outcome = 'partial';
  } else {
    answer.status = 'error';
    answer.error = deps.requests.describeError(err);
    deps.log.warn(`Chat request failed: ${redactSecrets(err instanceof Error ? err.message : String(err), settings.apiKey)}`);
  }
  return record;
}

function baseRecord(settings: RequestSettings, fields: Partial<RequestRecord> & Pick<RequestRecord, 'outcome'>): RequestRecord {
  return { model: settings.model, baseUrl: settings.baseUrl, totalMs: 0, retries: 0, ...fields };
}
