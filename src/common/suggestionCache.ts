// What saves requests while the user types: an LRU cache of cleaned suggestions keyed by (model, the end of the
// prefix, the start of the suffix), and "typed through" — the user typing the start of the suggestion on screen
// keeps the rest of it without a new request.

/** How much of the prefix's end and the suffix's start identify a cursor's surroundings. */
export const KEY_PREFIX_CHARS = 500;
export const KEY_SUFFIX_CHARS = 200;

export function cacheKey(model: string, prefix: string, suffix: string): string {
  return `${model}\u0000${prefix.slice(-KEY_PREFIX_CHARS)}\u0000${suffix.slice(0, KEY_SUFFIX_CHARS)}`;
}

export class SuggestionCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly capacity = 100) {}

  get(key: string): string | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // Map keeps insertion order: re-inserting makes this the most recently used.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: string): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The suggestion last shown and where: the prefix and suffix it was made for. */
export interface ShownSuggestion {
  prefix: string;
  suffix: string;
  text: string;
}

/**
 * The rest of `shown` when the user has since typed its beginning (and nothing else changed around it), else
 * undefined. Typing all of it is not typed through: there is nothing left to suggest.
 */
export function typedThrough(shown: ShownSuggestion, prefix: string, suffix: string): string | undefined {
  if (suffix.slice(0, KEY_SUFFIX_CHARS) !== shown.suffix.slice(0, KEY_SUFFIX_CHARS)) return undefined;
  const anchor = shown.prefix.slice(-KEY_PREFIX_CHARS);
  for (let typed = 1; typed < shown.text.length; typed++) {
    if (prefix.length < typed) break;
    if (!shown.text.startsWith(prefix.slice(prefix.length - typed))) continue;
    if (prefix.slice(0, prefix.length - typed).endsWith(anchor)) return shown.text.slice(typed);
  }
  return undefined;
}
