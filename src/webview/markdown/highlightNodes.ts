// highlight.js returns an HTML string. We never hand it to innerHTML: this strict reader accepts only
// `<span class="…">`, `</span>` and escaped text, rebuilds them as nodes, and rejects anything else.

const OPEN_SPAN = /^<span class="([A-Za-z0-9_\- ]{1,100})">/;
const CLOSE_SPAN = '</span>';
const ESCAPES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'" };
const ESCAPE = /&(?:amp|lt|gt|quot|#x27|#39);/g;
const MAX_DEPTH = 64;

export function highlightHtmlToNodes(doc: Document, html: string): Node[] | undefined {
  const root = doc.createDocumentFragment();
  const stack: Node[] = [root];
  let i = 0;
  while (i < html.length) {
    const top = stack[stack.length - 1];
    if (html[i] === '<') {
      if (html.startsWith(CLOSE_SPAN, i)) {
        if (stack.length === 1) return undefined;
        stack.pop();
        i += CLOSE_SPAN.length;
        continue;
      }
      const open = OPEN_SPAN.exec(html.slice(i, i + 120));
      if (!open || stack.length > MAX_DEPTH) return undefined;
      const span = doc.createElement('span');
      span.className = open[1];
      top.appendChild(span);
      stack.push(span);
      i += open[0].length;
      continue;
    }
    let end = html.indexOf('<', i);
    if (end === -1) end = html.length;
    const raw = html.slice(i, end);
    // Every '&' in highlight.js output starts one of its own escapes; a stray one means unexpected input.
    if (raw.replace(ESCAPE, '').includes('&')) return undefined;
    top.appendChild(doc.createTextNode(raw.replace(ESCAPE, (e) => ESCAPES[e])));
    i = end;
  }
  if (stack.length !== 1) return undefined;
  return Array.from(root.childNodes);
}
