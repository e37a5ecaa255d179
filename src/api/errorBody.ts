// Reads whatever a server put in an error body: the AI/ML API's `{message, statusCode, requestId, …}`, OpenAI's
// `{error:{message,type,code}}`, Ollama's `{error:"…"}`, FastAPI's `{detail}`, plain text, or an HTML page.
import { isRecord } from './isRecord';

export interface ErrorBodyInfo {
  /** The server's own words, unshortened and unscrubbed (the caller does both). */
  message?: string;
  /** Machine-readable code/type, used only for classification. */
  code?: string;
  requestId?: string;
  /** An HTML page (captive portal, gateway error page): never shown to the user. */
  isHtml: boolean;
}

export function looksLikeHtml(contentType: string, body: string): boolean {
  if (/\bhtml\b/i.test(contentType)) return true;
  return /^<(!doctype|html|head|body|title|\?xml)\b/i.test(body.trimStart());
}

export function readErrorBody(body: string, contentType: string): ErrorBodyInfo {
  const trimmed = body.trim();
  if (trimmed === '') return { isHtml: false };
  if (looksLikeHtml(contentType, trimmed)) return { isHtml: true };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return { message: trimmed, isHtml: false };
  }
  if (!isRecord(parsed)) return { message: typeof parsed === 'string' ? parsed : undefined, isHtml: false };
  const info: ErrorBodyInfo = { isHtml: false };
  const error = parsed.error;
  if (typeof error === 'string') {
    info.message = error;
  } else if (isRecord(error)) {
    info.message = textOf(error.message);
    info.code = [error.code, error.type].filter((v) => typeof v === 'string' || typeof v === 'number').join(' ');
  }
  info.message ??= textOf(parsed.message) ?? textOf(parsed.detail);
  if (!info.code && (typeof parsed.type === 'string' || typeof parsed.code === 'string')) {
    info.code = [parsed.code, parsed.type].filter((v) => typeof v === 'string').join(' ');
  }
  const requestId = parsed.requestId ?? parsed.request_id ?? (isRecord(error) ? error.requestId : undefined);
  if (typeof requestId === 'string' && requestId !== '') info.requestId = requestId;
  return info;
}

/** A message may be a string, a list of strings (NestJS validation) or a list of `{msg}` (FastAPI). */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (Array.isArray(value)) {
    const parts = value
      .map((item) => (typeof item === 'string' ? item : isRecord(item) ? textOf(item.msg ?? item.message) : undefined))
      .filter((item): item is string => item !== undefined);
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
  return undefined;
}
