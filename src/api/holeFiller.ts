// The chat hole-filler, for servers and models without fill-in-the-middle (the AI/ML API, Llama 3.x chat models): one
// short prompt with the code before and after a marked hole, and a strict reading of the reply — only the hole's
// text. A chat model that explains, greets or returns the whole file gives no suggestion rather than a wrong one.
import type { ChatMessage } from './types';

export const HOLE_MARKER = '<HOLE>';

const SYSTEM = [
  `You fill in code. The user sends a file with one hole marked ${HOLE_MARKER}.`,
  `Reply with only the exact text that replaces ${HOLE_MARKER}: no explanation, no code fence, no text from before or after the hole.`,
  'Keep the indentation of the surrounding code. If nothing belongs in the hole, reply with nothing.',
].join(' ');

export function holeFillerMessages(prefix: string, suffix: string, languageId?: string): ChatMessage[] {
  const language = languageId ? `Language: ${languageId}\n` : '';
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: `${language}${prefix}${HOLE_MARKER}${suffix}` },
  ];
}

/** A reply that opens like a sentence to the reader rather than code. */
const PROSE_OPENING =
  /^(here(['’]s| is| are)\b|sure\b|certainly\b|of course\b|okay\b|ok[,.!]|the (code|completion|missing|hole)\b|this (code|completes|fills)\b|i(['’]m| am| would| will| can| have)\b|to (complete|fill)\b|you can\b|below\b|replace\b|fill(ed)? (in|the)\b)/i;
const WHOLE_FENCE = /^```[\w+#.-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```[ \t]*$/;

/** The hole's text from a chat reply, or undefined to refuse it (no suggestion). */
export function parseHoleReply(reply: string, prefix: string): string | undefined {
  let text = reply.replace(/\r\n/g, '\n').replace(/\s+$/, '');
  if (text.trim() === '') return '';
  if (text.includes(HOLE_MARKER)) return undefined;
  if (text.trimStart().startsWith('```')) {
    // Exactly one fence holding everything; prose around it or a second block is refused.
    const fenced = WHOLE_FENCE.exec(text.trim());
    if (!fenced) return undefined;
    text = fenced[1].replace(/\s+$/, '');
  }
  if (text.includes('```')) return undefined;
  if (PROSE_OPENING.test(text.trimStart())) return undefined;
  return withoutRepeatedLineStart(text, prefix);
}

/** Chat models often repeat what is already on the cursor's line before the hole: that part is not the hole's. */
function withoutRepeatedLineStart(text: string, prefix: string): string {
  const lineStart = prefix.slice(prefix.lastIndexOf('\n') + 1);
  const typed = lineStart.trimStart();
  if (typed.length < 4) return text;
  if (text.startsWith(lineStart)) return text.slice(lineStart.length);
  if (text.trimStart().startsWith(typed)) return text.trimStart().slice(typed.length);
  return text;
}
