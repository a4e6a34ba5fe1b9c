/** The values a redactor hides wherever they appear. */
export interface RedactionSecrets {
  readonly idInstance?: string;
  readonly apiTokenInstance?: string;
}

// `/waInstance<id>/<method>/<token>`: the token is the path segment after the method.
const INSTANCE_PATH = /(\/waInstance)(\d+)(\/[A-Za-z]+\/)[^/?#\s"'<>]+/g;
// Any long hex run is token-shaped (PROTOCOL.md §1.2), even one we were not told about.
const TOKEN_SHAPED = /\b[0-9a-fA-F]{40,}\b/g;
const MASK = '***';

/** Shows only the last four digits of an instance id, enough to tell instances apart in a log. */
export function maskInstanceId(idInstance: string): string {
  return idInstance.length <= 4 ? '••••' : `••••${idInstance.slice(-4)}`;
}

/**
 * Masks the token (raw and URL-encoded), any `waInstance…/<method>/<token>` path, token-shaped hex runs,
 * and the instance id beyond its last four digits. Every string bound for a log, notification or error
 * passes through here.
 */
export function redact(text: string, secrets: RedactionSecrets = {}): string {
  let out = text.replace(INSTANCE_PATH, (_m, prefix: string, id: string, method: string) => `${prefix}${maskInstanceId(id)}${method}${MASK}`);
  const token = secrets.apiTokenInstance;
  if (token) {
    for (const form of new Set([token, encodeURIComponent(token)])) out = out.split(form).join(MASK);
  }
  out = out.replace(TOKEN_SHAPED, MASK);
  const id = secrets.idInstance;
  if (id && id.length > 4) out = out.split(id).join(maskInstanceId(id));
  return out;
}
