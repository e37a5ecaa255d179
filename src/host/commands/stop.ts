// askLlama.stop: stops the answer that is streaming (the partial answer is kept by the controller).
import type { CommandDeps } from './deps';

export function stopCommand({ chat }: CommandDeps): void {
  chat.stop();
}
