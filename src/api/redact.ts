// Keeps server-provided text safe and short before it becomes an error message.

export const MAX_MESSAGE_LENGTH = 300;

/** Removes every occurrence of the secret (servers sometimes echo the key they rejected). */
export function scrubSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join('[redacted]');
}

/** Collapses whitespace and cuts to a readable length. */
export function shorten(text: string, max = MAX_MESSAGE_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export function safeMessage(text: string, secret: string | undefined): string {
  return shorten(scrubSecret(text, secret));
}
