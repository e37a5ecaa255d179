// The one check for "a plain JSON object": used wherever untrusted JSON is read (server bodies, page messages, files).

/** True for `{…}`; false for null, arrays and every primitive. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
