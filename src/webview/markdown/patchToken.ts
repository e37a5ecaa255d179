// Brings an earlier rendering in line with newer tokens, reusing every node whose token did not change: that reuse is
// what makes streaming cheap and flicker-free.
import type { Token, Tokens } from 'marked';
import { codeLanguage, setCodeLanguage } from './codeBlock';
import { highlight, isClosedFence, isOpenFence, setPlainCode } from './codeFenceState';
import { decodeEntities } from './entities';
import { createRendered, createRow } from './renderToken';
import { clickableUrl } from './safeUrl';
import {
  childTokens,
  clampHeading,
  kindOfKey,
  listStart,
  MAX_RENDER_DEPTH,
  rowKey,
  tableHeaderKey,
  tokenKey,
  type RenderContext,
  type Rendered,
} from './tokenTree';

/** Brings `old` in line with `token`, reusing what it can. Returns the rendering now in the DOM. */
export function patchRendered(ctx: RenderContext, old: Rendered, token: Token, depth: number): Rendered {
  const key = tokenKey(token);
  if (old.key === key) return old;
  const patched = depth <= MAX_RENDER_DEPTH ? patchInPlace(ctx, old, token, key, depth) : undefined;
  if (patched) return patched;
  const fresh = createRendered(ctx, token, depth);
  old.node.replaceWith(fresh.node);
  return fresh;
}

export function reconcileChildren(ctx: RenderContext, host: Element, old: Rendered[], tokens: Token[], depth: number): Rendered[] {
  const next: Rendered[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const previous = old[i];
    if (previous) {
      next.push(patchRendered(ctx, previous, tokens[i], depth));
    } else {
      const fresh = createRendered(ctx, tokens[i], depth);
      host.appendChild(fresh.node);
      next.push(fresh);
    }
  }
  for (let i = tokens.length; i < old.length; i++) old[i].node.remove();
  return next;
}

function patchInPlace(ctx: RenderContext, old: Rendered, token: Token, key: string, depth: number): Rendered | undefined {
  const t = token as Tokens.Generic;
  switch (token.type) {
    case 'text':
    case 'escape': {
      if (old.type !== 'text' || old.text === undefined || t.tokens) return undefined;
      const text = token.type === 'text' ? decodeEntities(t.text) : t.text;
      const node = old.node as Text;
      if (text.startsWith(old.text)) {
        const added = text.slice(old.text.length);
        node.appendData(added);
        ctx.stats.renderedChars += added.length;
      } else {
        node.data = text;
        ctx.stats.renderedChars += text.length;
      }
      return { ...old, key, text };
    }
    case 'paragraph':
      return old.type === 'p' ? patchContainer(ctx, old, key, childTokens(token), depth) : undefined;
    case 'heading':
      return old.type === `h${clampHeading(t.depth)}` ? patchContainer(ctx, old, key, childTokens(token), depth) : undefined;
    case 'blockquote':
      return old.type === 'blockquote' ? patchContainer(ctx, old, key, childTokens(token), depth + 1) : undefined;
    case 'strong':
    case 'em':
    case 'del':
      return old.type === token.type ? patchContainer(ctx, old, key, childTokens(token), depth + 1) : undefined;
    case 'list_item':
      return old.type === 'li' && kindOfKey(old.key) === kindOfKey(key)
        ? patchContainer(ctx, old, key, childTokens(token), depth)
        : undefined;
    case 'list': {
      const list = token as Tokens.List;
      const host = old.host;
      const sameShape =
        host &&
        host.tagName === (list.ordered ? 'OL' : 'UL') &&
        host.getAttribute('start') === listStart(list) &&
        kindOfKey(old.key) === kindOfKey(key);
      return sameShape ? patchContainer(ctx, old, key, childTokens(token), depth + 1) : undefined;
    }
    case 'link': {
      const href = clickableUrl((token as Tokens.Link).href);
      const host = old.host;
      if (old.type !== 'link' || !host || (host.getAttribute('href') ?? undefined) !== href) return undefined;
      return patchContainer(ctx, old, key, (token as Tokens.Link).tokens ?? [], depth + 1);
    }
    case 'code':
      return patchCode(ctx, old, token as Tokens.Code, key);
    case 'table':
      return patchTable(ctx, old, token as Tokens.Table, key, depth + 1);
    default:
      return undefined;
  }
}

/** Re-renders a paragraph's inline content from freshly lexed inline tokens, reusing unchanged nodes. */
export function patchInlineChildren(ctx: RenderContext, paragraph: Rendered, key: string, tokens: Token[]): Rendered {
  return paragraph.key === key ? paragraph : patchContainer(ctx, paragraph, key, tokens, 0);
}

function patchContainer(ctx: RenderContext, old: Rendered, key: string, tokens: Token[], depth: number): Rendered {
  const children = reconcileChildren(ctx, old.host!, old.children ?? [], tokens, depth);
  return { ...old, key, children };
}

function patchCode(ctx: RenderContext, old: Rendered, token: Tokens.Code, key: string): Rendered | undefined {
  const code = old.code;
  if (!code) return undefined;
  const language = codeLanguage(token.lang);
  if (code.language !== language) {
    // The info string is still being written ("```t" → "```ts"): relabel the block rather than rebuild it.
    setCodeLanguage(code.parts, language);
    code.language = language;
  }
  setPlainCode(ctx, code, token.text);
  code.openFence = isOpenFence(token);
  if (isClosedFence(token)) highlight(ctx, code);
  return { ...old, key };
}

function patchTable(ctx: RenderContext, old: Rendered, table: Tokens.Table, key: string, depth: number): Rendered | undefined {
  if (old.type !== 'table' || old.text !== tableHeaderKey(table) || !old.host) return undefined;
  const rows: Rendered[] = [];
  const previous = old.children ?? [];
  table.rows.forEach((row, i) => {
    const before = previous[i];
    if (before && before.key === rowKey(row)) {
      rows.push(before);
      return;
    }
    const fresh = createRow(ctx, row, depth);
    if (before) before.node.replaceWith(fresh.node);
    else old.host!.appendChild(fresh.node);
    rows.push(fresh);
  });
  for (let i = table.rows.length; i < previous.length; i++) previous[i].node.remove();
  return { ...old, key, children: rows };
}
