// askLlama.newChat: starts an empty conversation in the chat view.
import type { CommandDeps } from './deps';

export function newChatCommand({ chat }: CommandDeps): Promise<void> {
  return chat.newChat();
}
