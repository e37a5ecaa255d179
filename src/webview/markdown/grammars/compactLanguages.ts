// Python, Rust and shell highlighting from the small keyword grammar (see keywordGrammar.ts for why).
import { keywordGrammar } from './keywordGrammar';

export const python = keywordGrammar({
  name: 'Python',
  aliases: ['py', 'py3', 'python3', 'gyp', 'ipython'],
  keywords: 'and as assert async await break case class continue def del elif else except finally for from global if import in is lambda match nonlocal not or pass raise return try while with yield',
  literals: 'True False None',
  builtIns: 'abs all any bool bytes dict enumerate filter float format getattr hasattr int isinstance len list map max min next object open print range repr reversed round set sorted str sum super tuple type zip self cls',
  lineComment: '#',
  quotes: `"'`,
  tripleQuotes: true,
  definers: 'def class',
  annotation: /@[A-Za-z_][\w.]*/,
});

export const rust = keywordGrammar({
  name: 'Rust',
  aliases: ['rs'],
  keywords: 'as async await break const continue crate dyn else enum extern fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait type unsafe use where while',
  types: 'i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 bool char str String Vec Option Result Box Rc Arc HashMap',
  literals: 'true false Some None Ok Err',
  builtIns: 'println print format vec panic assert assert_eq eprintln write writeln todo unimplemented',
  lineComment: '//',
  blockComment: ['/*', '*/'],
  quotes: '"',
  definers: 'fn struct enum trait impl mod type',
  annotation: /#!?\[[^\]\n]*\]/,
});

export const bash = keywordGrammar({
  name: 'Bash',
  aliases: ['sh', 'shell', 'zsh', 'console', 'shellsession'],
  keywords: 'if then else elif fi for while until do done case esac in function return break continue select time',
  builtIns: 'echo printf read cd pwd export unset local declare source alias exit set shift test eval exec trap cat grep sed awk ls rm cp mv mkdir chmod chown curl wget git npm npx node sudo apt-get',
  literals: 'true false',
  lineComment: '#',
  quotes: `"'`,
  definers: 'function',
  variables: true,
});

export const java = keywordGrammar({
  name: 'Java',
  aliases: ['jsp', 'kotlin', 'kt'],
  keywords: 'abstract assert break case catch class continue default do else enum extends final finally for if implements import instanceof interface native new package private protected public record return static super switch synchronized this throw throws transient try var void volatile while yield fun val when object',
  types: 'boolean byte char double float int long short String Integer Long Double Boolean Object List Map Set Optional',
  literals: 'true false null',
  lineComment: '//',
  blockComment: ['/*', '*/'],
  quotes: `"'`,
  definers: 'class interface enum record fun',
  annotation: /@[A-Za-z_][\w.]*/,
});

export const go = keywordGrammar({
  name: 'Go',
  aliases: ['golang'],
  keywords: 'break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var',
  types: 'bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 uint16 uint32 uint64 uintptr any',
  literals: 'true false nil iota',
  builtIns: 'append cap close copy delete len make new panic print println recover',
  lineComment: '//',
  blockComment: ['/*', '*/'],
  quotes: '"\'`',
  definers: 'func type',
});
