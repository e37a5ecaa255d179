// Turns marked tokens into DOM nodes, and patches an earlier rendering to match newer tokens while reusing every
// node whose token did not change. That reuse is what makes streaming cheap and flicker-free.
//
// Security: model text only ever reaches the DOM through text nodes. The elements created here are a fixed set;
// attributes are a fixed set too, and the only one carrying model-chosen text besides `title` is `href`, which is
// set only to a parsed absolute http(s) URL.
import type { Token, Tokens } from 'marked';
import { clearChildren, element } from '../dom';
import { codeLanguage, createCodeBlock, highlightCodeBlock, setCodeLanguage, type CodeBlockParts } from './codeBlock';
import { decodeEntities } from './entities';
import { clickableUrl } from './safeUrl';
import { l10n } from '../l10n';

/** Deeper containers (quotes in lists in quotes…) are shown as plain text. */
export const MAX_RENDER_DEPTH = 12;

export interface RenderStats {
  /** Characters of answer text written into the DOM: the measure of render work. */
  renderedChars: number;
}

export interface RenderContext {
  doc: Document;
  stats: RenderStats;
}

/** One rendered token, kept so that the next frame can reuse or patch it. */
export interface Rendered {
  /** Identity of the token: equal keys render identically, so the node is reused untouched. */
  key: string;
  type: string;
  node: ChildNode;
  /** Containers: the element holding the children, and the children. */
  host?: Element;
  children?: Rendered[];
  /** Text leaves: the text shown. */
  text?: string;
  /** Code blocks. */
  code?: CodeState;
}

export interface CodeState {
  parts: CodeBlockParts;
  language: string | undefined;
  text: string;
  highlighted: boolean;
  /** An open fence (no closing line yet): only then may streamed text be appended without lexing. */
  openFence: boolean;
}

export function tokenKey(token: Token): string {
  return `${tokenKind(token)}\u0000${token.raw}`;
}

/** Type plus what changes the rendering of identical raw text: a list item turns loose when a later item does. */
function tokenKind(token: Token): string {
  return (token as { loose?: boolean }).loose ? `${token.type}:loose` : token.type;
}

function kindOfKey(key: string): string {
  return key.slice(0, key.indexOf('\u0000'));
}

/** The raw markdown of a text leaf, from its key. */
export function keyOfLeaf(key: string): string | undefined {
  const at = key.indexOf('\u0000');
  return at < 0 ? undefined : key.slice(at + 1);
}

// ---------------------------------------------------------------------------------------------------------------
// Creating

export function createRendered(ctx: RenderContext, token: Token, depth: number): Rendered {
  const key = tokenKey(token);
  if (depth > MAX_RENDER_DEPTH) return textLeaf(ctx, key, 'text', token.raw);
  const t = token as Tokens.Generic;
  switch (token.type) {
    case 'paragraph':
      return container(ctx, key, element(ctx.doc, 'p'), childTokens(token), depth);
    case 'heading':
      return container(ctx, key, element(ctx.doc, `h${clampHeading(t.depth)}` as 'h1'), childTokens(token), depth);
    case 'blockquote':
      return container(ctx, key, element(ctx.doc, 'blockquote'), childTokens(token), depth + 1);
    case 'list':
      return container(ctx, key, listElement(ctx.doc, token as Tokens.List), childTokens(token), depth + 1);
    case 'list_item':
      return container(ctx, key, element(ctx.doc, 'li'), childTokens(token), depth);
    case 'strong':
      return container(ctx, key, element(ctx.doc, 'strong'), childTokens(token), depth + 1);
    case 'em':
      return container(ctx, key, element(ctx.doc, 'em'), childTokens(token), depth + 1);
    case 'del':
      return container(ctx, key, element(ctx.doc, 'del'), childTokens(token), depth + 1);
    case 'link':
      return createLink(ctx, key, token as Tokens.Link, depth + 1);
    case 'image':
      return createImagePlaceholder(ctx, key, token as Tokens.Image);
    case 'codespan':
      // Code spans show character references literally (CommonMark), so no decoding here.
      return leafElement(ctx, key, 'code', t.text);
    case 'code':
      return createCode(ctx, key, token as Tokens.Code);
    case 'table':
      return createTable(ctx, key, token as Tokens.Table, depth + 1);
    case 'hr':
      return { key, type: 'hr', node: element(ctx.doc, 'hr') };
    case 'br':
      return { key, type: 'br', node: element(ctx.doc, 'br') };
    case 'checkbox':
      return leafElement(ctx, key, 'span', t.checked ? '☑ ' : '☐ ', { class: 'task-box', role: 'img', 'aria-label': t.checked ? 'done' : 'not done' });
    case 'html':
      // Raw HTML from the model is shown as the literal text it is.
      return t.block
        ? leafElement(ctx, key, 'p', token.raw.replace(/\n+$/, ''), { class: 'raw-html' })
        : textLeaf(ctx, key, 'text', token.raw);
    case 'escape':
      return textLeaf(ctx, key, 'text', t.text);
    case 'text':
      return textLeaf(ctx, key, 'text', decodeEntities(t.text));
    default:
      return textLeaf(ctx, key, 'text', token.raw);
  }
}

/** The children a container renders. Tight list items wrap their inline tokens in a block "text"; we flatten it. */
function childTokens(token: Token): Token[] {
  const t = token as Tokens.Generic;
  const children: Token[] = token.type === 'list' ? (token as Tokens.List).items : (t.tokens ?? []);
  if (!children.some((c) => c.type === 'text' && (c as Tokens.Text).tokens)) return children;
  return children.flatMap((c) => (c.type === 'text' && (c as Tokens.Text).tokens ? (c as Tokens.Text).tokens! : [c]));
}

function container(ctx: RenderContext, key: string, host: Element, tokens: Token[], depth: number): Rendered {
  const children = tokens.map((child) => createRendered(ctx, child, depth));
  for (const child of children) host.appendChild(child.node);
  return { key, type: host.tagName.toLowerCase(), node: host, host, children };
}

function textLeaf(ctx: RenderContext, key: string, type: string, text: string): Rendered {
  ctx.stats.renderedChars += text.length;
  return { key, type, node: ctx.doc.createTextNode(text), text };
}

function leafElement(ctx: RenderContext, key: string, tag: 'code' | 'span' | 'p', text: string, attrs = {}): Rendered {
  ctx.stats.renderedChars += text.length;
  // A leaf is never patched as a container, even when its tag matches one (a raw-HTML <p> is not a paragraph).
  return { key, type: `${tag}-leaf`, node: element(ctx.doc, tag, attrs, text) };
}

function clampHeading(depth: unknown): number {
  return Math.min(6, Math.max(1, Number(depth) || 1));
}

function listElement(doc: Document, list: Tokens.List): HTMLElement {
  if (!list.ordered) return element(doc, 'ul');
  const start = listStart(list);
  return element(doc, 'ol', start === null ? {} : { start });
}

/** The `start` attribute an ordered list needs, or null (lists start at 1). */
function listStart(list: Tokens.List): string | null {
  const start = Number(list.start);
  return list.ordered && Number.isInteger(start) && start !== 1 ? String(start) : null;
}

function createLink(ctx: RenderContext, key: string, link: Tokens.Link, depth: number): Rendered {
  const href = clickableUrl(link.href);
  // A link we will not open is shown as its text, so the answer still reads well.
  const host = href
    ? element(ctx.doc, 'a', { href, title: href, class: 'answer-link' })
    : element(ctx.doc, 'span', { class: 'inert-link', title: l10n.t('Link not opened: only http and https links are allowed') });
  const rendered = container(ctx, key, host, link.tokens ?? [], depth);
  return { ...rendered, type: 'link' };
}

/** Images are never loaded (a remote image is how prompt injection leaks code): show a placeholder instead. */
function createImagePlaceholder(ctx: RenderContext, key: string, image: Tokens.Image): Rendered {
  const label = `[image: ${decodeEntities(image.text || 'untitled')}]`;
  ctx.stats.renderedChars += label.length;
  const href = clickableUrl(image.href);
  const node = href
    ? element(ctx.doc, 'a', { href, title: l10n.t('Image not loaded: {0}', href), class: 'answer-link image-placeholder' }, label)
    : element(ctx.doc, 'span', { class: 'image-placeholder', title: l10n.t('Image not loaded') }, label);
  return { key, type: 'image', node };
}

function createCode(ctx: RenderContext, key: string, token: Tokens.Code): Rendered {
  const language = codeLanguage(token.lang);
  const closed = isClosedFence(token);
  // A block that is already closed goes straight to highlighting: no plain text first.
  const parts = createCodeBlock(ctx.doc, language, closed ? '' : token.text);
  const code: CodeState = { parts, language, text: token.text, highlighted: false, openFence: isOpenFence(token) };
  if (closed) highlight(ctx, code);
  else ctx.stats.renderedChars += token.text.length;
  return { key, type: 'code', node: parts.root, code };
}

function createTable(ctx: RenderContext, key: string, table: Tokens.Table, depth: number): Rendered {
  const doc = ctx.doc;
  const headRow = element(doc, 'tr');
  for (const cell of table.header) headRow.append(tableCell(ctx, 'th', cell, depth).node);
  const body = element(doc, 'tbody');
  const rows = table.rows.map((row) => createRow(ctx, row, depth));
  for (const row of rows) body.append(row.node);
  const tableElement = element(doc, 'table', {}, element(doc, 'thead', {}, headRow), body);
  const wrapper = element(doc, 'div', { class: 'table-scroll' }, tableElement);
  return { key, type: 'table', node: wrapper, host: body, children: rows, text: tableHeaderKey(table) };
}

function createRow(ctx: RenderContext, row: Tokens.TableCell[], depth: number): Rendered {
  const tr = element(ctx.doc, 'tr');
  for (const cell of row) tr.append(tableCell(ctx, 'td', cell, depth).node);
  return { key: rowKey(row), type: 'tr', node: tr };
}

function tableCell(ctx: RenderContext, tag: 'th' | 'td', cell: Tokens.TableCell, depth: number): Rendered {
  const host = element(ctx.doc, tag, cell.align ? { class: `align-${cell.align}` } : {});
  return container(ctx, '', host, cell.tokens, depth);
}

function rowKey(row: Tokens.TableCell[]): string {
  return row.map((cell) => cell.text).join('\u0000');
}

function tableHeaderKey(table: Tokens.Table): string {
  return `${rowKey(table.header)}\u0001${table.align.join(',')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Code blocks

/** Whether the lexer found the fence's closing line (possibly still being written: "```" may become "````"). */
export function hasClosingFence(token: Tokens.Code): boolean {
  if (token.codeBlockStyle === 'indented') return false;
  const lines = token.raw.replace(/\n+$/, '').split('\n');
  if (lines.length < 2) return false;
  const opening = /^ {0,3}(`{3,}|~{3,})/.exec(lines[0]);
  const closing = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines[lines.length - 1]);
  return !!opening && !!closing && closing[1][0] === opening[1][0] && closing[1].length >= opening[1].length;
}

function isOpenFence(token: Tokens.Code): boolean {
  return token.codeBlockStyle !== 'indented' && !hasClosingFence(token);
}

/** A fence is closed for good once its closing line is complete (a newline follows it). */
export function isClosedFence(token: Tokens.Code): boolean {
  return token.raw.endsWith('\n') && hasClosingFence(token);
}

function highlight(ctx: RenderContext, code: CodeState): void {
  highlightCodeBlock(ctx.doc, code.parts, code.language, code.text);
  ctx.stats.renderedChars += code.text.length;
  code.highlighted = true;
}

function setPlainCode(ctx: RenderContext, code: CodeState, text: string): void {
  if (!code.highlighted && text.startsWith(code.text)) {
    const added = text.slice(code.text.length);
    if (added) code.parts.text.appendData(added);
    ctx.stats.renderedChars += added.length;
  } else {
    clearChildren(code.parts.code);
    code.parts.code.classList.remove('hljs');
    code.parts.text = ctx.doc.createTextNode(text);
    code.parts.code.append(code.parts.text);
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

// ---------------------------------------------------------------------------------------------------------------
// Patching

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
