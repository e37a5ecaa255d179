// The entry of dist/edits.js, Edit Selection's own bundle (esbuild.js), which lazyEditSelection.ts loads on first use.
// Everything it shares with the extension bundle arrives through EditSelectionDeps (see editRuntime.ts).
export { EditSelectionController } from './editSelectionController';
