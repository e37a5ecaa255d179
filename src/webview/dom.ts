// Small helpers to build DOM nodes. Everything on the page is built this way (never innerHTML), so model text can
// only ever become text nodes.

export type Attrs = Record<string, string | undefined>;

/** Attribute names that could run code or restyle the page; refused even for our own markup. */
const FORBIDDEN_ATTRIBUTE = /^(on|style$|src$|srcdoc$|formaction$)/i;

export function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  setAttributes(node, attrs);
  for (const child of children) node.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  return node;
}

export function setAttributes(node: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (FORBIDDEN_ATTRIBUTE.test(name)) throw new Error(`refusing attribute ${name}`);
    if (value !== undefined) node.setAttribute(name, value);
  }
}

export function clearChildren(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}
