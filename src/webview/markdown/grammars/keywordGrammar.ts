// A small keyword-based grammar: keywords, types, literals, built-ins, comments, strings, numbers and the name
// after `def`/`fn`/`function`. For languages whose highlight.js grammar is mostly long keyword lists, this gives
// nearly the same colours at a fraction of the bundle size.
import type { HLJSApi, Language, Mode } from 'highlight.js';

export interface KeywordGrammarSpec {
  name: string;
  aliases?: string[];
  keywords: string;
  types?: string;
  literals?: string;
  builtIns?: string;
  lineComment?: string;
  blockComment?: [string, string];
  /** Quote characters that delimit one-line strings. */
  quotes: string;
  /** Python-style '''…''' and """…""" strings. */
  tripleQuotes?: boolean;
  /** Words after which the next identifier is a definition's name (class, def, fn…). */
  definers?: string;
  /** Decorators / attributes: `@name` (Python) or `#[…]` (Rust). */
  annotation?: RegExp;
  /** Shell variables: $name, ${name}. */
  variables?: boolean;
}

export function keywordGrammar(spec: KeywordGrammarSpec): (hljs: HLJSApi) => Language {
  return (hljs) => {
    const contains: Mode[] = [];
    if (spec.lineComment) contains.push(hljs.COMMENT(escapeRegex(spec.lineComment), '$'));
    if (spec.blockComment) contains.push(hljs.COMMENT(escapeRegex(spec.blockComment[0]), escapeRegex(spec.blockComment[1])));
    if (spec.tripleQuotes) {
      contains.push({ className: 'string', begin: /[a-zA-Z]{0,2}"""/, end: /"""/ }, { className: 'string', begin: /[a-zA-Z]{0,2}'''/, end: /'''/ });
    }
    for (const quote of spec.quotes) {
      const q = escapeRegex(quote);
      contains.push({ className: 'string', begin: new RegExp(`[a-zA-Z]{0,2}${q}`), end: new RegExp(`${q}|$`), contains: [hljs.BACKSLASH_ESCAPE] });
    }
    if (spec.annotation) contains.push({ className: 'meta', begin: spec.annotation });
    if (spec.variables) contains.push({ className: 'variable', begin: /\$\{[^}\n]*\}|\$[A-Za-z_][\w]*|\$[0-9#?@*$!-]/ });
    if (spec.definers) {
      contains.push({
        begin: new RegExp(`\\b(?:${spec.definers.split(' ').join('|')})\\s+`),
        beginScope: 'keyword',
        end: /[A-Za-z_]\w*/,
        endScope: 'title',
      } as Mode);
    }
    contains.push({ className: 'number', begin: /\b(?:0[xob][0-9a-fA-F_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?)\w*/, relevance: 0 });
    return {
      name: spec.name,
      aliases: spec.aliases,
      keywords: {
        keyword: spec.keywords.split(' '),
        type: spec.types?.split(' ') ?? [],
        literal: spec.literals?.split(' ') ?? [],
        built_in: spec.builtIns?.split(' ') ?? [],
      },
      contains,
    };
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
