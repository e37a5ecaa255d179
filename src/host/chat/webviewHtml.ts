// The chat page's HTML shell: one stylesheet and one nonce'd script from dist/, nothing inline. The CSP allows
// no network at all (`default-src 'none'`), images only from the extension and data: URLs, so a Markdown image in
// model output can never fetch a remote URL (the way prompt injection would exfiltrate code).
import { randomBytes } from 'node:crypto';

export interface ChatHtmlInput {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce: string;
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
<script nonce="${escapeAttribute(input.nonce)}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>`;
}
