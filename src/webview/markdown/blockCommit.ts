// When the streaming view may commit a block (render it for good and stop lexing it): markdown cannot change a block
// once a later block has started after it, or, for a fenced code block, once its closing fence line is complete.
import type { Token, Tokens } from 'marked';
import { hasClosingFence, isClosedFence } from './codeFenceState';

/** Whether a token makes nodes: blank lines and link definitions do not. */
export function isRenderedToken(token: Token): boolean {
  return token.type !== 'space' && token.type !== 'def';
}

/**
 * How many leading tokens can no longer change: everything before the last non-blank token (a later block has
 * started after them), plus that last token too if it is a fenced code block whose closing line is complete.
 */
export function committableCount(tokens: Token[]): number {
  let last = tokens.length - 1;
  while (last >= 0 && tokens[last].type === 'space') last--;
  if (last < 0) return 0;
  const lastToken = tokens[last];
  if (lastToken.type === 'code') {
    const code = lastToken as Tokens.Code;
    // Closed for good: its closing line ends with a newline (in its own raw, or as the blank lines after it).
    if (isClosedFence(code) || (last < tokens.length - 1 && hasClosingFence(code))) return tokens.length;
  }
  return last;
}
