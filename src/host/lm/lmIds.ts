// The ids VS Code knows Ask Llama's chat surfaces by (package.json declares the same ones).
export const LM_VENDOR = 'ask-llama';
export const PARTICIPANT_ID = 'askLlama.llama';
