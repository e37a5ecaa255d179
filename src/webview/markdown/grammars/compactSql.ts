// A small SQL grammar of our own: the common keywords of the main dialects, comments, strings and numbers.
// highlight.js's SQL grammar is 6.5 KB of keyword lists, most of them rarely seen in an answer.
import type { HLJSApi, Language } from 'highlight.js';

const KEYWORDS = (
  'add all alter and any as asc begin between by case cascade check column commit constraint create cross ' +
  'database default delete desc distinct drop else end except exists explain foreign from full function grant ' +
  'group having if in index inner insert intersect into is join key left like limit merge not null offset on or ' +
  'order outer over partition primary procedure references rename replace returning revoke right rollback ' +
  'select set table then transaction trigger truncate union unique update using values view when where window with'
).split(' ');
const TYPES = 'bigint bit blob boolean char date datetime decimal double float int integer interval json jsonb numeric real serial smallint text time timestamp uuid varchar'.split(' ');
const FUNCTIONS = 'avg cast coalesce count concat current_date current_timestamp lower max min now nullif round substring sum trim upper'.split(' ');

export default function compactSql(hljs: HLJSApi): Language {
  return {
    name: 'SQL',
    aliases: ['postgres', 'postgresql', 'mysql', 'sqlite', 'plsql', 'tsql'],
    case_insensitive: true,
    keywords: { keyword: KEYWORDS, type: TYPES, built_in: FUNCTIONS, literal: ['true', 'false'] },
    contains: [
      hljs.COMMENT('--', '$'),
      hljs.C_BLOCK_COMMENT_MODE,
      { className: 'string', begin: /'/, end: /'/, contains: [{ begin: /''/ }] },
      { className: 'string', begin: /"/, end: /"/ },
      { className: 'string', begin: /`/, end: /`/ },
      hljs.C_NUMBER_MODE,
    ],
  };
}
