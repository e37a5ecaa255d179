// A cheap, conservative token estimate. Llama tokenizers average ~3.5–4 characters per token on English and
// fewer on code and non-Latin text; we assume 3 so that a budget computed from it errs on the side of fitting.
export const CHARS_PER_TOKEN = 3;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}
