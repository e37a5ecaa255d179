// Degenerate answers: what a small model stuck in a repetition loop streams (issue 12). Each is about 200 KB of one
// shape, the size the page promises to handle without a long task, plus an honest long answer as the control.

export interface DegenerateCase {
  name: string;
  text: string;
}

export const DEGENERATE_CHARS = 200 * 1024;

function repeatTo(length: number, unit: string): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function codeLines(length: number): string {
  const lines: string[] = [];
  for (let i = 0, size = 0; size < length; i++) {
    const line = `  const value${i} = compute(${i}, "text \`${i}\`") * ${i}; // step ${i}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n').slice(0, length);
}

function honestAnswer(length: number): string {
  const section = (i: number) =>
    `## Step ${i}\n\nThis explains **step ${i}** with \`inline code\`, a [link](https://example.com/${i}) and *emphasis*.\n\n` +
    `- first point with some words\n- second point with \`code\`\n\n` +
    '```ts\n' + `function f${i}(a: number): number {\n  return a * ${i};\n}\n` + '```\n\n' +
    `| key | value |\n|---|---|\n| ${i} | v |\n\n`;
  let text = '';
  for (let i = 0; text.length < length; i++) text += section(i);
  return text.slice(0, length);
}

export function degenerateCases(): DegenerateCase[] {
  const n = DEGENERATE_CHARS;
  return [
    { name: 'one line of `**_*`', text: repeatTo(n, '**_*') },
    { name: 'one line of `*_* _`', text: repeatTo(n, '*_* _') },
    { name: 'a run of backticks', text: repeatTo(n, '`') },
    { name: 'backticks and spaces (code spans)', text: repeatTo(n, '` ') },
    { name: 'a run of `<`', text: repeatTo(n, '<') },
    { name: 'a run of `[](`', text: repeatTo(n, '[](') },
    { name: 'a run of `\\`', text: repeatTo(n, '\\') },
    { name: 'a run of `>` (quote markers)', text: repeatTo(n, '>') },
    { name: '`- - - -` (list markers)', text: repeatTo(n, '- ') },
    { name: 'nested quotes, lists and emphasis', text: repeatTo(n, '> - > 1. *a _b ') },
    { name: 'one table row of 200 KB', text: `| a | b |\n|---|---|\n${repeatTo(n, '| `x` *y* ')}` },
    { name: 'one list of short items', text: repeatTo(n, '- item `a` **b**\n') },
    { name: 'an unclosed code fence', text: '```ts\n' + codeLines(n) },
    { name: 'an honest long answer (control)', text: honestAnswer(n) },
  ];
}

/** Model-like deltas of 4 to 20 characters (a fixed seed, so every run streams the same pieces). */
export function deltas(text: string): string[] {
  let seed = 12;
  const pieces: string[] = [];
  for (let at = 0; at < text.length; ) {
    seed = (seed * 16807) % 2147483647;
    const size = 4 + (seed % 17);
    pieces.push(text.slice(at, at + size));
    at += size;
  }
  return pieces;
}
