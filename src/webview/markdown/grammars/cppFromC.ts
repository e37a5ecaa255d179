// C++ highlighting from highlight.js's C grammar plus the C++ keywords, instead of the separate 6 KB C++ grammar.
import type { HLJSApi, Language } from 'highlight.js';
import c from 'highlight.js/lib/languages/c';

const CPP_KEYWORDS = (
  'class namespace template typename public private protected virtual override final friend operator new delete ' +
  'this try catch throw using constexpr consteval constinit decltype explicit mutable noexcept nullptr ' +
  'static_cast dynamic_cast const_cast reinterpret_cast co_await co_return co_yield concept requires export import module'
).split(' ');

export default function cppFromC(hljs: HLJSApi): Language {
  const grammar = c(hljs);
  // The C grammar shares one keywords object between all its modes, so extending it extends them all.
  const keywords = grammar.keywords as { keyword?: string[] | string } | undefined;
  if (keywords && Array.isArray(keywords.keyword)) keywords.keyword = [...keywords.keyword, ...CPP_KEYWORDS];
  return { ...grammar, name: 'C++', aliases: ['cc', 'cxx', 'c++', 'hpp', 'hh', 'hxx'] };
}
