// An independent reference for what a Markdown answer should look like: marked's own HTML renderer (which shares
// nothing with our DOM builder in src/webview/markdown/renderToken.ts), parsed into a DOM. Both DOMs are reduced to one
// canonical outline — elements, the attributes that carry meaning, and text — leaving out what is ours by design:
// the code block's toolbar and highlighting spans, the table's scroll wrapper, link titles and classes.
import { Marked } from 'marked';
import { createDocument } from '../domHelpers';

const marked = new Marked({ gfm: true });

/** The canonical outline of `markdown` as marked's HTML renderer shows it. */
export function markedOutline(markdown: string): string {
  const doc = createDocument();
  const container = doc.createElement('div');
  container.innerHTML = marked.parse(markdown, { async: false });
  return outline(container);
}

/** The canonical outline of the children of `container` (a rendered answer). */
export function outline(container: Element): string {
  return childrenOutline(container);
}

function childrenOutline(parent: Node): string {
  const parts: string[] = [];
  let text = '';
  const flushText = () => {
    // Whitespace between blocks is formatting in marked's HTML, not content.
    if (text.trim()) parts.push(JSON.stringify(text));
    text = '';
  };
  for (const child of Array.from(parent.childNodes)) {
    if (child.nodeType === 3) {
      text += child.textContent ?? '';
      continue;
    }
    flushText();
    if (child.nodeType === 1) parts.push(elementOutline(child as Element));
  }
  flushText();
  return parts.join(' ');
}

function elementOutline(el: Element): string {
  const tag = el.tagName.toLowerCase();
  if (tag === 'div' && (el.classList.contains('table-scroll') || el.classList.contains('block-group'))) return childrenOutline(el);
  if ((tag === 'div' && el.classList.contains('code-block')) || tag === 'pre') return codeOutline(el);
  const attributes: string[] = [];
  if (tag === 'a') attributes.push(`href=${normalUrl(el.getAttribute('href') ?? '')}`);
  if (tag === 'ol' && el.getAttribute('start')) attributes.push(`start=${el.getAttribute('start')}`);
  if (tag === 'th' || tag === 'td') {
    const align = el.getAttribute('align') ?? /\balign-(left|center|right)\b/.exec(el.getAttribute('class') ?? '')?.[1];
    if (align) attributes.push(`align=${align}`);
  }
  if (tag === 'input') attributes.push(`checked=${el.hasAttribute('checked')}`);
  return `${tag}${attributes.length ? `[${attributes.join(' ')}]` : ''}(${childrenOutline(el)})`;
}

/** A fenced or indented code block: its language and its text, whatever toolbar or highlighting surrounds it. */
function codeOutline(el: Element): string {
  const code = el.querySelector('pre > code') ?? el.querySelector('code');
  const language = /\blanguage-([^\s]+)/.exec(code?.getAttribute('class') ?? '')?.[1] ?? '';
  return `pre[${language}](${JSON.stringify((code?.textContent ?? '').replace(/\n$/, ''))})`;
}

function normalUrl(href: string): string {
  try {
    return new URL(href).href;
  } catch {
    return href;
  }
}
