// One place that remembers everything the harness started or created, and undoes it exactly once:
// on normal completion, on failure, and on SIGINT/SIGTERM/SIGHUP. Tasks run newest first (browser before server
// before temp folders), and one failing task never stops the others.
import { progress } from './log';

type CleanupTask = { label: string; run: () => Promise<void> | void };

const tasks: CleanupTask[] = [];
let running: Promise<void> | undefined;
let signalsHooked = false;

/** Registers `run` to be undone later; returns a function that runs it now (and only once). */
export function onCleanup(label: string, run: () => Promise<void> | void): () => Promise<void> {
  hookSignals();
  const task: CleanupTask = { label, run };
  tasks.push(task);
  return async () => {
    const index = tasks.indexOf(task);
    if (index < 0) return;
    tasks.splice(index, 1);
    await runTask(task);
  };
}

/** True once cleanup has begun (a process ending then is expected, not a failure to report). */
export function isCleaningUp(): boolean {
  return running !== undefined;
}

/** Runs every registered task, newest first. Safe to call more than once. */
export function cleanupAll(): Promise<void> {
  if (!running) {
    running = (async () => {
      while (tasks.length > 0) {
        await runTask(tasks.pop()!);
      }
    })();
  }
  return running;
}

async function runTask(task: CleanupTask): Promise<void> {
  try {
    await task.run();
  } catch (error) {
    progress(`cleanup of ${task.label} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  const exitCodes: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [signal, code] of Object.entries(exitCodes)) {
    process.once(signal, () => {
      progress(`${signal}: cleaning up`);
      void cleanupAll().finally(() => process.exit(code));
    });
  }
}

/**
 * Runs `main`, then cleans up and exits with its code. An exception counts as failure (exit 1) after its message
 * is printed; cleanup happens in every case.
 */
export function runMain(main: () => Promise<number>): void {
  hookSignals();
  main()
    .catch((error: unknown) => {
      progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return 1;
    })
    .then(async (code) => {
      await cleanupAll();
      process.exit(code);
    });
}
