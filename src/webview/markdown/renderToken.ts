// Turns marked tokens into DOM nodes (the first rendering of each token; patchToken.ts updates them afterwards).
// Security: see tokenTree.ts — model text reaches the DOM only as text nodes, `href` only as a parsed http(s) URL.
import type { Token, Tokens } from 'marked';
import { element } from '../dom';
import { l10n } from '../l10n';
import { codeLanguage, createCodeBlock } from './codeBlock';
import { highlight, isClosedFence, isOpenFence } from './codeFenceState';
import { decodeEntities } from './entities';
import { clickableUrl } from './safeUrl';
import {
  childTokens,
  clampHeading,
  listStart,
  MAX_RENDER_DEPTH,
  rowKey,
  tableHeaderKey,
  tokenKey,
  type CodeState,
  type RenderContext,
  type Rendered,
} from './tokenTree';

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

function listElement(doc: Document, list: Tokens.List): HTMLElement {
  if (!list.ordered) return element(doc, 'ul');
  const start = listStart(list);
  return element(doc, 'ol', start === null ? {} : { start });
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

export function createRow(ctx: RenderContext, row: Tokens.TableCell[], depth: number): Rendered {
  const tr = element(ctx.doc, 'tr');
  for (const cell of row) tr.append(tableCell(ctx, 'td', cell, depth).node);
  return { key: rowKey(row), type: 'tr', node: tr };
}

function tableCell(ctx: RenderContext, tag: 'th' | 'td', cell: Tokens.TableCell, depth: number): Rendered {
  const host = element(ctx.doc, tag, cell.align ? { class: `align-${cell.align}` } : {});
  return container(ctx, '', host, cell.tokens, depth);
}
