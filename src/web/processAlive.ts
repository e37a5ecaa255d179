// The web build's stand-in for chat/processAlive.ts: there are no processes to ask about, so another window's temp
// file counts as its writer's until it is a minute old (atomicFiles.ts removes it then).
export function isProcessAlive(_pid: number): boolean {
  return true;
}
