// A small CSS grammar of our own. highlight.js's CSS grammar carries a 13 KB list of every property name; colouring
// any `name:` inside a rule as a property gives the same picture for a fraction of the bundle.
import type { HLJSApi, Language, Mode } from 'highlight.js';

export default function compactCss(hljs: HLJSApi): Language {
  const comment = hljs.C_BLOCK_COMMENT_MODE;
  const strings = [hljs.APOS_STRING_MODE, hljs.QUOTE_STRING_MODE];
  const value: Mode = {
    begin: /:/,
    end: /;|(?=\})/,
    contains: [
      ...strings,
      comment,
      { className: 'number', begin: /#[0-9a-fA-F]{3,8}\b/ },
      { className: 'number', begin: /-?(?:\d+\.?\d*|\.\d+)(?:%|[a-zA-Z]+)?/ },
      { className: 'keyword', begin: /!important\b/ },
      { className: 'built_in', begin: /[a-zA-Z-]+(?=\()/ },
    ],
  };
  const declarations: Mode = {
    begin: /\{/,
    end: /\}/,
    contains: [comment, { className: 'attribute', begin: /--?[a-zA-Z][\w-]*(?=\s*:)|[a-zA-Z][\w-]*(?=\s*:)/ }, value],
  };
  return {
    name: 'CSS',
    aliases: ['scss', 'less'],
    case_insensitive: true,
    contains: [
      comment,
      ...strings,
      { className: 'keyword', begin: /@[a-zA-Z-]+/ },
      { className: 'selector-id', begin: /#[A-Za-z_-][\w-]*/ },
      { className: 'selector-class', begin: /\.[A-Za-z_-][\w-]*/ },
      { className: 'selector-pseudo', begin: /::?[A-Za-z-]+/ },
      { className: 'selector-attr', begin: /\[/, end: /\]/, contains: strings },
      declarations,
      { className: 'selector-tag', begin: /\b[a-zA-Z][\w-]*\b/ },
    ],
  };
}
