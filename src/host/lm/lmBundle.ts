// The entry of dist/lm.js, the chat model provider and @llama participant's own bundle (esbuild.js), loaded on the
// first call by registerLanguageModelSurfaces.ts. What it shares with the extension bundle arrives as LmDeps.
export { AskLlamaChatModelProvider } from './languageModelProvider';
export { answerChatRequest, followupsFor } from './llamaParticipant';
