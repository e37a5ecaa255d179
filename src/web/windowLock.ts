// The web build's stand-in for chat/folderLock.ts. The desktop lock is a folder on disk whose owner is checked by
// process id, which a browser workbench does not have (no processes, no /proc, and its storage is not a local disk).
// Here each window (one web worker extension host) is the single writer of its own writes: they run one at a time,
// and every write still re-reads the chat and the index and merges by message id (historyStore.ts, chatMerge.ts).
// Trade-off, documented in the report: two browser windows saving at the same instant can interleave; a turn of the
// same chat is then merged on the next save, and a chat missing from the index is found again from its file by the
// next read (historyStore.ts readIndex()), but a deletion's tombstone written at that instant can be lost.
export class FolderLock {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string, _options: { staleMs?: number } = {}) {}

  run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.tail.then(operation, operation);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
