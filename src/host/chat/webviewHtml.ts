// The chat page's HTML shell: one stylesheet and one nonce'd script from dist/, nothing inline. The CSP allows
// no network at all (`default-src 'none'`), images only from the extension and data: URLs, so a Markdown image in
// model output can never fetch a remote URL (the way prompt injection would exfiltrate code). The page's translations
// ride along as a JSON data block, which is never run as script.
import { randomBytes } from 'node:crypto';
import { PAGE_L10N_ELEMENT_ID } from '../../common/protocol';

export interface ChatHtmlInput {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce: string;
  /** English text → translation, for the page's own strings (src/host/chat/pageL10n.ts); undefined in English. */
  translations?: Readonly<Record<string, string>>;
}

/** A fresh nonce per render: 128 random bits, base64 (valid in a CSP nonce-source). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ') + ';';
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderChatHtml(input: ChatHtmlInput): string {
  const csp = escapeAttribute(contentSecurityPolicy(input.cspSource, input.nonce));
  // JSON that cannot end its <script> element or open a comment: every "<" is written as \u003c.
  const translations = input.translations
    ? `<script type="application/json" id="${PAGE_L10N_ELEMENT_ID}">${JSON.stringify(input.translations).replace(/</g, '\\u003c')}</script>\n`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(input.styleUri)}">
<title>Ask Llama</title>
</head>
<body>
<div id="app"></div>
${translations}<script nonce="${escapeAttribute(input.nonce)}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>`;
}
