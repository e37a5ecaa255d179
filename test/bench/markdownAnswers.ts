// Deterministic model-like Markdown answers (prose, lists, inline code, fenced code blocks in several languages),
// and their split into token-sized deltas as a Llama stream delivers them.
import { SeededRandom } from './random';

const WORDS = ['the', 'function', 'returns', 'a', 'new', 'array', 'when', 'input', 'is', 'empty', 'each', 'call', 'reads',
  'value', 'from', 'cache', 'so', 'that', 'later', 'requests', 'are', 'cheap', 'this', 'loop', 'runs', 'once', 'per',
  'item', 'and', 'stops', 'early', 'if', 'error', 'occurs', 'because', 'state', 'changes', 'between', 'awaits',
  'implementation', 'configuration', 'asynchronous', 'performance', 'dependencies', 'component', 'parameter',
  'returned', 'handler', 'instead', 'without', 'example', 'property', 'variable', 'directly', 'otherwise'];
const INLINE = ['`map()`', '`await`', '`null`', '**important**', '*note*', '`Promise.all`', '[docs](https://example.com/docs)'];

const CODE_SAMPLES: Array<{ language: string; lines: string[] }> = [
  { language: 'ts', lines: ['export async function load(ids: string[]): Promise<Item[]> {', '  const items = await Promise.all(ids.map(fetchItem));',
    '  return items.filter((item) => item !== undefined);', '}', '', 'const cache = new Map<string, Item>();',
    'function fetchItem(id: string) {', '  if (cache.has(id)) return cache.get(id);', '  return api.get(`/items/${id}`);', '}'] },
  { language: 'python', lines: ['def fibonacci(n: int) -> int:', '    """Return the n-th Fibonacci number."""', '    a, b = 0, 1',
    '    for _ in range(n):', '        a, b = b, a + b', '    return a', '', 'if __name__ == "__main__":', '    print(fibonacci(30))'] },
  { language: 'bash', lines: ['#!/usr/bin/env bash', 'set -euo pipefail', 'for file in src/*.ts; do', '  echo "checking $file"',
    '  npx tsc --noEmit "$file"', 'done'] },
  { language: 'json', lines: ['{', '  "name": "example",', '  "version": "1.0.0",', '  "scripts": { "build": "tsc -p ." }', '}'] },
];

function sentence(random: SeededRandom): string {
  const words: string[] = [];
  const length = random.int(8, 20);
  for (let i = 0; i < length; i++) words.push(random.next() < 0.1 ? random.pick(INLINE) : random.pick(WORDS));
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(random: SeededRandom): string {
  return Array.from({ length: random.int(2, 5) }, () => sentence(random)).join(' ');
}

function block(random: SeededRandom): string {
  const roll = random.next();
  if (roll < 0.45) return paragraph(random);
  if (roll < 0.6) return Array.from({ length: random.int(3, 6) }, () => `- ${sentence(random)}`).join('\n');
  if (roll < 0.7) return Array.from({ length: random.int(3, 5) }, (_, i) => `${i + 1}. ${sentence(random)}`).join('\n');
  if (roll < 0.75) return `### ${sentence(random).slice(0, 40)}`;
  const sample = random.pick(CODE_SAMPLES);
  const lines = sample.lines.slice(0, random.int(4, sample.lines.length));
  return ['```' + sample.language, ...lines, '```'].join('\n');
}

/** A Markdown answer of about `chars` characters. */
export function markdownAnswer(random: SeededRandom, chars: number): string {
  const blocks: string[] = [];
  let length = 0;
  while (length < chars) {
    const next = block(random);
    blocks.push(next);
    length += next.length + 2;
  }
  return blocks.join('\n\n') + '\n';
}

/**
 * Splits text into token-like deltas: a word with its leading space (long words in pieces of up to 8 characters),
 * newlines and punctuation runs on their own, roughly as Llama 3's 128k-entry vocabulary does (≈4 chars/token).
 */
export function tokenDeltas(text: string): string[] {
  const pieces = text.match(/\n+| ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+| +/g) ?? [];
  const deltas: string[] = [];
  for (const piece of pieces) {
    for (let start = 0; start < piece.length; start += 8) deltas.push(piece.slice(start, start + 8));
  }
  return deltas;
}

/** An answer that streams as exactly `tokenCount` deltas (cut at a token boundary). */
export function streamedAnswer(seed: number, tokenCount: number): { text: string; deltas: string[] } {
  const random = new SeededRandom(seed);
  let text = markdownAnswer(random, tokenCount * 4);
  let deltas = tokenDeltas(text);
  while (deltas.length < tokenCount) {
    text += `\n${markdownAnswer(random, 1000)}`;
    deltas = tokenDeltas(text);
  }
  deltas = deltas.slice(0, tokenCount);
  return { text: deltas.join(''), deltas };
}
