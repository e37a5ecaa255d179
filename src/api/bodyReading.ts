// Reading response bodies: chunk by chunk as they arrive, or whole (non-stream bodies) while the idle watchdog stays
// armed, with a size limit so a runaway or hostile body cannot fill memory.
import type { Response } from 'node-fetch';
import type { AttemptControl } from './attemptControl';
import type { ResponseBody } from './httpTypes';

/**
 * node-fetch v2 *emits* 'error' on the body when the request is aborted before the response ended. If we stopped
 * reading (answer complete, error body cut off), nobody may be listening, and an unheard 'error' event would crash
 * the extension host. Reads still see the error through the async iterator.
 */
export function keepAbortErrorsQuiet(response: Response): void {
  response.body.on('error', () => undefined);
}

/**
 * Hands each chunk of a body to `onChunk` as it arrives, until the body ends or `onChunk` returns true ("that is all
 * I need"); an error from the stream, or thrown by `onChunk`, rejects. Flowing mode ('data' events) rather than the
 * async iterator: on node-fetch's PassThrough body the iterator costs a promise per read and concatenates whatever
 * queued up in between into a new buffer, which made a fast stream's body path ~40% slower than the socket's
 * (the bench's `chatThroughput` row). Every consumer here is synchronous, so there is no backpressure to keep.
 */
export function forEachChunk(body: ResponseBody, onChunk: (bytes: Buffer) => boolean | void): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      body.removeListener('data', onData);
      body.removeListener('end', onEnd);
      body.removeListener('error', onError);
      body.removeListener('close', onClose);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onData = (chunk: Buffer | string): void => {
      if (settled) return;
      try {
        if (onChunk(toBytes(chunk)) === true) {
          body.pause();
          settle();
        }
      } catch (error) {
        body.pause();
        settle(error);
      }
    };
    const onEnd = (): void => settle();
    const onError = (error: unknown): void => settle(error);
    // Destroyed without 'end' or 'error': the body was cut off.
    const onClose = (): void => settle(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    body.on('data', onData);
    body.on('end', onEnd);
    body.on('error', onError);
    body.on('close', onClose);
  });
}

export async function readBodyText(
  body: ResponseBody,
  control: AttemptControl,
  idleTimeoutMs: number,
  limitBytes: number,
): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let size = 0;
  await forEachChunk(body, (bytes) => {
    control.armTimeout(idleTimeoutMs, 'idle');
    size += bytes.length;
    if (size > limitBytes) return true;
    text += decoder.decode(bytes, { stream: true });
    return false;
  });
  return text + decoder.decode();
}

export function toBytes(chunk: string | Buffer | Uint8Array): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
}
