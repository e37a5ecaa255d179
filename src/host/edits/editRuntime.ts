// What Edit Selection borrows from the extension bundle at run time. Edit Selection ships as its own file, loaded on
// the first use of the command (lazyEditSelection.ts); handing it the extension bundle's request module, error class
// and prompt builder keeps one copy of each in memory, so `instanceof ApiError` and the request path stay the same.
import type { ApiError, chat } from '../../api';
import type { buildEditPrompt } from '../../common/editPrompt';
import type { streamedChatRequest } from '../requestContext';

export interface EditRuntime {
  chat: typeof chat;
  ApiError: typeof ApiError;
  streamedChatRequest: typeof streamedChatRequest;
  buildEditPrompt: typeof buildEditPrompt;
}
