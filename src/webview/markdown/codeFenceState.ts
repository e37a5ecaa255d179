// A code block while its answer streams: whether its fence is closed yet, its plain text growing in place, and its
// highlighting once the block is complete.
import type { Tokens } from 'marked';
import { clearChildren } from '../dom';
import { highlightCodeBlock } from './codeBlock';
import { CodeText } from './codeText';
import type { CodeState, RenderContext, Rendered } from './tokenTree';

/** Whether the lexer found the fence's closing line (possibly still being written: "```" may become "````"). */
export function hasClosingFence(token: Tokens.Code): boolean {
  if (token.codeBlockStyle === 'indented') return false;
  const lines = token.raw.replace(/\n+$/, '').split('\n');
  if (lines.length < 2) return false;
  const opening = /^ {0,3}(`{3,}|~{3,})/.exec(lines[0]);
  const closing = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines[lines.length - 1]);
  return !!opening && !!closing && closing[1][0] === opening[1][0] && closing[1].length >= opening[1].length;
}

export function isOpenFence(token: Tokens.Code): boolean {
  return token.codeBlockStyle !== 'indented' && !hasClosingFence(token);
}

/** A fence is closed for good once its closing line is complete (a newline follows it). */
export function isClosedFence(token: Tokens.Code): boolean {
  return token.raw.endsWith('\n') && hasClosingFence(token);
}

export function highlight(ctx: RenderContext, code: CodeState): void {
  highlightCodeBlock(ctx.doc, code.parts, code.language, code.text);
  ctx.stats.renderedChars += code.text.length;
  code.highlighted = true;
}

export function setPlainCode(ctx: RenderContext, code: CodeState, text: string): void {
  if (!code.highlighted && text.startsWith(code.text)) {
    const added = text.slice(code.text.length);
    code.parts.text.append(added);
    ctx.stats.renderedChars += added.length;
  } else {
    clearChildren(code.parts.code);
    code.parts.code.classList.remove('hljs');
    code.parts.text = new CodeText(ctx.doc, code.parts.code, text);
    code.highlighted = false;
    ctx.stats.renderedChars += text.length;
  }
  code.text = text;
}

/** Highlights every code block that is still plain: its block is complete now (committed or the answer ended). */
export function finalizeRendered(ctx: RenderContext, rendered: Rendered): void {
  if (rendered.code && !rendered.code.highlighted) highlight(ctx, rendered.code);
  for (const child of rendered.children ?? []) finalizeRendered(ctx, child);
}
