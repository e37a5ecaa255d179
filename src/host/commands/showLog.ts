// askLlama.showLog: reveals the "Ask Llama" log channel.
import type { CommandDeps } from './deps';

export function showLogCommand({ log }: CommandDeps): void {
  log.show(true);
}
