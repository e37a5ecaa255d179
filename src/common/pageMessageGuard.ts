// Checks every message the chat page sends before the host acts on it. The page renders model output, so it is
// treated as less trusted than the host: anything malformed, oversized or unknown is dropped.
import { isRecord } from '../api/isRecord';
import { isErrorAction } from './chatTypes';
import { isCodeBlockAction, type PageMessage } from './protocol';

/** Chat ids name files in the history folder, so they must never contain path characters. */
export const CHAT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_QUESTION_CHARS = 200_000;
export const MAX_CODE_CHARS = 2_000_000;
export const MAX_HREF_CHARS = 8192;


function isText(value: unknown, maxChars: number): value is string {
  return typeof value === 'string' && value.length <= maxChars;
}

export function isChatId(value: unknown): value is string {
  return typeof value === 'string' && CHAT_ID_PATTERN.test(value);
}

/** Returns a clean copy holding only the known fields, or undefined when the message is not a valid PageMessage. */
export function parsePageMessage(raw: unknown): PageMessage | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
    case 'stop':
    case 'retry':
    case 'newChat':
    case 'chooseModel':
    case 'addFile':
      return { type: raw.type };
    case 'removeFile':
      if (typeof raw.index !== 'number' || !Number.isInteger(raw.index) || raw.index < 0 || raw.index > 1000) return undefined;
      return { type: 'removeFile', index: raw.index };
    case 'send':
      if (!isText(raw.text, MAX_QUESTION_CHARS) || typeof raw.includeSelection !== 'boolean') return undefined;
      if (raw.includeCurrentFile !== undefined && typeof raw.includeCurrentFile !== 'boolean') return undefined;
      return { type: 'send', text: raw.text, includeSelection: raw.includeSelection, ...(raw.includeCurrentFile ? { includeCurrentFile: true } : {}) };
    case 'editLast':
      if (!isText(raw.text, MAX_QUESTION_CHARS)) return undefined;
      return { type: 'editLast', text: raw.text };
    case 'openChat':
    case 'deleteChat':
    case 'exportChat':
      if (!isChatId(raw.chatId)) return undefined;
      return { type: raw.type, chatId: raw.chatId };
    case 'errorAction': {
      return isErrorAction(raw.action) ? { type: 'errorAction', action: raw.action } : undefined;
    }
    case 'codeBlock': {
      const action = raw.action;
      if (!isCodeBlockAction(action) || !isText(raw.code, MAX_CODE_CHARS)) return undefined;
      if (raw.language !== undefined && !isText(raw.language, 64)) return undefined;
      if (raw.messageId !== undefined && !isChatId(raw.messageId)) return undefined;
      return {
        type: 'codeBlock',
        action,
        code: raw.code,
        ...(raw.language === undefined ? {} : { language: raw.language }),
        ...(raw.messageId === undefined ? {} : { messageId: raw.messageId }),
      };
    }
    case 'openLink':
      if (!isText(raw.href, MAX_HREF_CHARS)) return undefined;
      return { type: 'openLink', href: raw.href };
    default:
      return undefined;
  }
}
