// The rows of the inline-suggestion bench (inlineSuggestions.ts), from what its rounds measured.
import { type BenchRow, formatMs } from './benchRow';
import { median } from './stats';
import type { ServedAnswer } from './timedLlm';

export interface RoundTiming {
  keyAt: number;
  served: ServedAnswer;
  paintedAt: number;
  debounceMs: number;
}

/** A round typed in the reference's file: the last key and the reference's ghost text painted. */
export interface ReferenceTiming {
  keyAt: number;
  paintedAt: number;
}

export interface TypingCount {
  characters: number;
  requests: number;
  per100: number;
}

/**
 * Ask Llama's own share: its overhead (keystroke → painted − the server's time to first byte − its typing debounce)
 * less VS Code's (keystroke → painted through the reference provider, which does no work), medians of rounds typed
 * alternately in the same window.
 */
export function latencyRow(rounds: RoundTiming[], reference: ReferenceTiming[]): BenchRow {
  const ttfb = (r: RoundTiming) => r.served.firstByteAt - r.served.requestAt;
  const ours = median(rounds.map((r) => r.paintedAt - r.keyAt - ttfb(r) - r.debounceMs));
  const vscodeOwn = median(reference.map((r) => r.paintedAt - r.keyAt));
  const added = ours - vscodeOwn;
  return {
    figure: 'Keystroke → ghost text painted (warm window): what Ask Llama adds to VS Code\'s own path, beyond its typing debounce',
    reference: `VS Code's own, through a provider that does no work: keystroke → painted ${formatMs(vscodeOwn)}; ` +
      `the server's own time to first byte: ${formatMs(median(rounds.map(ttfb)))}`,
    measured: `Ask Llama: keystroke → painted ${formatMs(median(rounds.map((r) => r.paintedAt - r.keyAt)))}, overhead ` +
      `+${formatMs(ours)} beyond the server's first byte and the typing debounce (keystroke → request at the server ` +
      `${formatMs(median(rounds.map((r) => r.served.requestAt - r.keyAt)))}, of which the typing debounce ` +
      `${formatMs(median(rounds.map((r) => r.debounceMs)))}; server's first byte → painted ` +
      `${formatMs(median(rounds.map((r) => r.paintedAt - r.served.firstByteAt)))})`,
    result: `${added < 0 ? '−' : '+'}${formatMs(Math.abs(added))} (Ask Llama +${formatMs(ours)} − VS Code's own +${formatMs(vscodeOwn)})`,
    target: '≤ +50 ms added by Ask Llama',
    met: added <= 50,
    notes: `code-server + headless Chromium, warm window, the packaged .vsix; two TypeScript files, \`let rN = \` typed on a ` +
      `new line at 8 keys/s, alternating between Ask Llama's file and the reference's; Ask Llama asks a local server ` +
      `answering each request at once (the chat hole-filler); the reference is a throw-away extension installed beside ` +
      `it whose provider returns a fixed suggestion synchronously for its own file only (Ask Llama excludes that file, so ` +
      `VS Code still asks Ask Llama there and gets nothing at once); keydown and paint times in the workbench's frame ` +
      `(the animation frame after the ghost text entered the DOM), server times on the server, one clock; Ask Llama's ` +
      `overhead = keystroke → painted − server time to first byte − the wait the provider's TypingDebounce chooses for ` +
      `this rhythm (replayed from the keydown times; deliberate, so not counted); VS Code's own (its inline-suggestion ` +
      `delay, the workbench ↔ extension-host trips, rendering) is the reference's keystroke → painted; the target applies ` +
      `to the difference. Ask Llama's debounce counts from the keystroke, so VS Code's way in (its delay, the trip to the ` +
      `extension host) runs inside that wait and the difference can be below zero; medians of ${rounds.length} suggestions each`,
  };
}

export function requestsRow(neverRight: TypingCount, right: TypingCount, snippetLines: number): BenchRow {
  const worst = Math.max(neverRight.per100, right.per100);
  return {
    figure: 'Requests per 100 characters typed at 8 chars/s',
    reference: '100 keystrokes',
    measured: `${neverRight.requests} and ${right.requests} requests for ${neverRight.characters} characters`,
    result: `${neverRight.per100.toFixed(1)} (suggestions never typed) / ${right.per100.toFixed(1)} (suggestions right to the line's end)`,
    target: '≤ 15',
    met: worst <= 15,
    notes: `the same ${snippetLines} lines of TypeScript typed at a steady 125 ms a key (indentation typed, Enter between lines), ` +
      `twice: a server whose suggestion is never what is typed next (only the debounce and cancellation save requests) ` +
      `and one suggesting the rest of the line being typed (typed-through and the cache too); requests counted at the ` +
      `server, cancelled ones included, the one for the pause after the last key too; at a steady rhythm the debounce ` +
      `(1.5× the gap between keys) outlasts every gap, so requests go out only where typing pauses`,
  };
}

export function cpuRow(cpuOn: number, cpuOff: number, suggestions: number): BenchRow {
  return {
    figure: 'Extension-host CPU per suggestion',
    reference: `the same typing with suggestions off: ${formatMs(cpuOff)} CPU`,
    measured: `${formatMs(cpuOn)} CPU for ${suggestions} suggestions (typing and waiting for each)`,
    result: `${formatMs((cpuOn - cpuOff) / suggestions)}`,
    target: 'reported',
    met: true,
    notes: `a plain-text file (in the TypeScript file the TypeScript extension's work in the same host drowned the difference): ` +
      `${suggestions} rounds of a line typed at 8 keys/s until its ghost text was painted, against the same lines typed with ` +
      'suggestions turned off (the toggle command), ' +
      'each off round as long as the median round with them on; utime + stime of the extension host process(es) of this ' +
      'code-server from /proc, 10 ms resolution, so a difference of a few ticks',
  };
}
