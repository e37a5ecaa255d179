// What the bench suite inside the extension host reports back to the driver, as JSON in a file. Pure: both sides
// import it.
export const BENCH_OUT_ENV = 'ASK_LLAMA_BENCH_OUT';

export interface ActivationReport {
  extensionFound: boolean;
  /** isActive when the suite started: VS Code runs it once the start-up activations (`*`, workspaceContains) are done. */
  activeAtStart: boolean;
  /** isActive again after the workbench had a few seconds to finish starting (onStartupFinished, restored views). */
  activeAfterStartupSettled: boolean;
  /** When isActive was first seen true during those seconds, in ms after the suite started (undefined: never). */
  activeAfterMs?: number;
  settleMs: number;
  /**
   * Wall time of `await extension.activate()`: the host's work, loading our module and our activate(). Undefined
   * when VS Code had started the extension by itself before (nothing left to time).
   */
  activateMs?: number;
  /** Of that: evaluating dist/extension.js (require), measured by wrapping the module compile step. */
  moduleLoadMs?: number;
  /** Of that: our exported activate() call itself. */
  activateCallMs?: number;
  error?: string;
}
