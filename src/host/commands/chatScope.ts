// askLlama.showChatsFromAllWorkspaces / askLlama.showChatsFromThisWorkspace: which chats the history list offers.
// By default a window lists the chats started in its own workspace; the view's title bar switches between the two.
import type { CommandDeps } from './deps';

export function showChatsFromAllWorkspacesCommand({ chat }: CommandDeps): Promise<void> {
  return chat.showChatsFromAllWorkspaces(true);
}

export function showChatsFromThisWorkspaceCommand({ chat }: CommandDeps): Promise<void> {
  return chat.showChatsFromAllWorkspaces(false);
}
