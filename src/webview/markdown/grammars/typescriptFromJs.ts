// TypeScript highlighting from highlight.js's JavaScript grammar plus the TypeScript keywords and types, instead of
// the separate TypeScript grammar (which repeats all of JavaScript's rules).
import type { HLJSApi, Language } from 'highlight.js';
import javascript from 'highlight.js/lib/languages/javascript';

const TS_KEYWORDS = 'type interface enum namespace module declare abstract implements readonly private protected public keyof infer is asserts satisfies override'.split(' ');
const TS_TYPES = 'any unknown never void string number boolean bigint symbol object'.split(' ');

export default function typescriptFromJs(hljs: HLJSApi): Language {
  const grammar = javascript(hljs);
  // The JavaScript grammar shares one keywords object between its modes, so extending it extends them all.
  const keywords = grammar.keywords as { keyword?: string[]; built_in?: string[] } | undefined;
  if (keywords && Array.isArray(keywords.keyword)) keywords.keyword = [...keywords.keyword, ...TS_KEYWORDS];
  if (keywords && Array.isArray(keywords.built_in)) keywords.built_in = [...keywords.built_in, ...TS_TYPES];
  return { ...grammar, name: 'TypeScript', aliases: ['ts', 'tsx', 'mts', 'cts', 'javascript', 'js', 'jsx', 'mjs', 'cjs', 'node'] };
}
