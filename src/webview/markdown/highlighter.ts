// Syntax highlighting with highlight.js core and a fixed set of languages (the full build is ~900 KB; these keep
// the page bundle small). No auto-detection: it runs every grammar over the code, which is slow on long blocks.
// To fit the bundle budget, TypeScript and JavaScript share the JavaScript grammar plus TypeScript keywords, C++ by the C grammar plus C++ keywords, and CSS, SQL, Python, Rust, Java, Go and shell by compact grammars of our own.
import hljs from 'highlight.js/lib/core';
import c from 'highlight.js/lib/languages/c';
import diff from 'highlight.js/lib/languages/diff';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import compactCss from './grammars/compactCss';
import { bash, go, java, python, rust } from './grammars/compactLanguages';
import compactSql from './grammars/compactSql';
import cppFromC from './grammars/cppFromC';
import typescriptFromJs from './grammars/typescriptFromJs';
import { highlightHtmlToNodes } from './highlightNodes';

const LANGUAGES = { bash, c, cpp: cppFromC, css: compactCss, diff, go, java, json, markdown, python, rust, sql: compactSql, typescript: typescriptFromJs, xml, yaml };
for (const [name, grammar] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, grammar);
hljs.registerAliases(['html', 'xhtml', 'svg', 'vue'], { languageName: 'xml' });
hljs.registerAliases(['patch'], { languageName: 'diff' });
hljs.registerAliases(['jsonc', 'json5'], { languageName: 'json' });

/** Above this size a block stays plain: highlighting it would stall the page for little benefit. */
const MAX_HIGHLIGHT_CHARS = 100_000;

export function isKnownLanguage(language: string | undefined): language is string {
  return !!language && hljs.getLanguage(language) !== undefined;
}

/**
 * Highlighted code as DOM nodes (spans with hljs classes and text), or undefined when the language is unknown, the
 * block is too big, or highlight.js produced anything but the markup we accept.
 */
export function highlightToNodes(doc: Document, code: string, language: string | undefined): Node[] | undefined {
  if (!isKnownLanguage(language) || code.length > MAX_HIGHLIGHT_CHARS) return undefined;
  let html: string;
  try {
    html = hljs.highlight(code, { language, ignoreIllegals: true }).value;
  } catch {
    return undefined;
  }
  const nodes = highlightHtmlToNodes(doc, html);
  // The rebuilt text must be exactly the code; if not, the markup held something unexpected.
  if (!nodes || nodes.map((n) => n.textContent ?? '').join('') !== code) return undefined;
  return nodes;
}
