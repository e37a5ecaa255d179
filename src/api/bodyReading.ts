// Reading a whole (non-stream) response body while the idle watchdog stays armed, with a size limit so a runaway
// or hostile body cannot fill memory.
import type { Response } from 'node-fetch';
import type { AttemptControl } from './attemptControl';

/**
 * node-fetch v2 *emits* 'error' on the body when the request is aborted before the response ended. If we stopped
 * reading (answer complete, error body cut off), nobody may be listening, and an unheard 'error' event would crash
 * the extension host. Reads still see the error through the async iterator.
 */
export function keepAbortErrorsQuiet(response: Response): void {
  response.body.on('error', () => undefined);
}

export async function readBodyText(
  body: NodeJS.ReadableStream,
  control: AttemptControl,
  idleTimeoutMs: number,
  limitBytes: number,
  firstChunk?: Buffer,
): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = firstChunk ? decoder.decode(firstChunk, { stream: true }) : '';
  let size = firstChunk?.length ?? 0;
  for await (const chunk of body) {
    control.armTimeout(idleTimeoutMs, 'idle');
    const bytes = toBytes(chunk);
    size += bytes.length;
    if (size > limitBytes) break;
    text += decoder.decode(bytes, { stream: true });
  }
  return text + decoder.decode();
}

export function toBytes(chunk: string | Buffer | Uint8Array): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
}
