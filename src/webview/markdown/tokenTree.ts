// The rendered form of marked tokens that the streaming view keeps between frames: one `Rendered` per token, keyed so
// that an unchanged token keeps its DOM node (renderToken.ts creates them, patchToken.ts brings them up to date,
// codeFenceState.ts follows a code block while it streams).
//
// Security: model text only ever reaches the DOM through text nodes. The elements created from these are a fixed
// set; attributes are a fixed set too, and the only one carrying model-chosen text besides `title` is `href`, which
// is set only to a parsed absolute http(s) URL.
import type { Token, Tokens } from 'marked';
import type { CodeBlockParts } from './codeBlock';

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

export function kindOfKey(key: string): string {
  return key.slice(0, key.indexOf('\u0000'));
}

/** The raw markdown of a text leaf, from its key. */
export function keyOfLeaf(key: string): string | undefined {
  const at = key.indexOf('\u0000');
  return at < 0 ? undefined : key.slice(at + 1);
}

// ---------------------------------------------------------------------------------------------------------------
// Creating
/** The children a container renders. Tight list items wrap their inline tokens in a block "text"; we flatten it. */
export function childTokens(token: Token): Token[] {
  const t = token as Tokens.Generic;
  const children: Token[] = token.type === 'list' ? (token as Tokens.List).items : (t.tokens ?? []);
  if (!children.some((c) => c.type === 'text' && (c as Tokens.Text).tokens)) return children;
  return children.flatMap((c) => (c.type === 'text' && (c as Tokens.Text).tokens ? (c as Tokens.Text).tokens! : [c]));
}

export function clampHeading(depth: unknown): number {
  return Math.min(6, Math.max(1, Number(depth) || 1));
}

/** The `start` attribute an ordered list needs, or null (lists start at 1). */
export function listStart(list: Tokens.List): string | null {
  const start = Number(list.start);
  return list.ordered && Number.isInteger(start) && start !== 1 ? String(start) : null;
}

export function rowKey(row: Tokens.TableCell[]): string {
  return row.map((cell) => cell.text).join('\u0000');
}

export function tableHeaderKey(table: Tokens.Table): string {
  return `${rowKey(table.header)}\u0001${table.align.join(',')}`;
}
