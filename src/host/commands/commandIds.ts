// The askLlama.* commands that registerCommands.ts registers at activation and commandHandlers.ts runs
// (Edit Selection's and Fix with Llama's are registered by their own features).
export const COMMAND_IDS = [
  'askLlama.ask',
  'askLlama.explainSelection',
  'askLlama.setApiKey',
  'askLlama.clearApiKey',
  'askLlama.manageApiKeys',
  'askLlama.selectModel',
  'askLlama.newChat',
  'askLlama.showChatsFromAllWorkspaces',
  'askLlama.showChatsFromThisWorkspace',
  'askLlama.stop',
  'askLlama.showLog',
  'askLlama.addFileToChat',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
