// The one place that hides secrets in URLs and messages before anything is printed.

const URL_WITH_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^:@/\s]*):([^@/\s]*)@/gi;

/** `postgresql://user:secret@host/db` -> `postgresql://user:***@host/db`; also rewrites every URL inside a message. */
export function redactUrl(text: string): string {
  return text.replace(URL_WITH_CREDENTIALS, (_match, scheme: string, user: string) => `${scheme}${user}:***@`);
}

/** Removes every known secret value (passwords, API keys) and every URL credential from a message. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = redactUrl(text);
  for (const secret of secrets) {
    if (secret && secret.length >= 3) out = out.split(secret).join('***');
  }
  return out;
}
