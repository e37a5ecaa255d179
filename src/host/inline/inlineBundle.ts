// The entry of dist/inline.js (esbuild.js): the inline suggestion provider's work — debounce, cache, typed-through,
// cleaning — loaded by the stand-in registerInlineSuggestions.ts registers at activation, on the first keystroke
// where suggestions are on. complete() itself comes from the core (one copy of the request module).
export { InlineProvider } from './inlineProvider';
