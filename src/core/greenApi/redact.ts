/** The values a redactor hides wherever they appear. */
export interface RedactionSecrets {
  readonly idInstance?: string;
  readonly apiTokenInstance?: string;
}

// `/waInstance<id>/<method>/<token>`: the token is the path segment after the method.
const INSTANCE_PATH = /(\/waInstance)(\d+)(\/[A-Za-z]+\/)[^/?#\s"'<>]+/g;
// Any long hex run is token-shaped (docs/greenapi.md §1.2), even one we were not told about.
const TOKEN_SHAPED = /\b[0-9a-fA-F]{40,}\b/g;
const MASK = '***';

/** Shows only the last four digits of an instance id, enough to tell instances apart in a log. */
export function maskInstanceId(idInstance: string): string {
  return idInstance.length <= 4 ? '••••' : `••••${idInstance.slice(-4)}`;
}

/**
 * Masks the token (in any form a body can carry it, see {@link tokenPattern}), any `waInstance…/<method>/<token>`
 * path, token-shaped hex runs, and the instance id beyond its last four digits. Every string bound for a log,
 * notification or error passes through here.
 */
export function redact(text: string, secrets: RedactionSecrets = {}): string {
  let out = text.replace(INSTANCE_PATH, (_m, prefix: string, id: string, method: string) => `${prefix}${maskInstanceId(id)}${method}${MASK}`);
  const token = secrets.apiTokenInstance;
  if (token) out = maskToken(out, token);
  out = out.replace(TOKEN_SHAPED, MASK);
  const id = secrets.idInstance;
  if (id && id.length > 4) out = out.split(id).join(maskInstanceId(id));
  return out;
}

function maskToken(text: string, token: string): string {
  const pattern = tokenPattern(token);
  let out = text.replace(pattern, MASK);
  // The text beside a mask can join it into the token again (`ab` + `***` holds a token `ab*`), so mask until none is
  // left. No form of the token is shorter than the token, so for a token longer than the mask every pass shortens the
  // text and this ends.
  if (token.length <= MASK.length) return out;
  for (let again = out.replace(pattern, MASK); again !== out; again = out.replace(pattern, MASK)) out = again;
  return out;
}

let lastPattern: { readonly token: string; readonly pattern: RegExp } | undefined;

/**
 * The token in any form a server's answer may echo it in, each character on its own, so forms mixed by layered
 * encoders match too: raw; percent-encoded UTF-8 in either case, and `+` for a space (URLs, forms); JSON and JavaScript
 * escapes, `\/` as PHP writes it and `\u00e9`-style in either case (surrogate pairs beyond U+FFFF); HTML and XML
 * character references; white space as any run of white space, since a message may be reflowed.
 */
function tokenPattern(token: string): RegExp {
  if (lastPattern?.token !== token) {
    const source = Array.from(token, (char) => `(?:${characterForms(char).join('|')})`).join('');
    lastPattern = { token, pattern: new RegExp(source, 'g') };
  }
  return lastPattern.pattern;
}

const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "'": "\\'",
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};
const NAMED_REFERENCES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Regular-expression alternatives for one code point. */
function characterForms(char: string): string[] {
  const codePoint = char.codePointAt(0) as number;
  const forms = [
    escapeRegExp(char),
    Array.from(Buffer.from(char, 'utf8'), (byte) => `%${hexPattern(byte, 2)}`).join(''),
    Array.from({ length: char.length }, (_, i) => `\\\\u${hexPattern(char.charCodeAt(i), 4)}`).join(''),
    `&#0*${codePoint};`,
    `&#[xX]0*${hexPattern(codePoint, 1)};`,
  ];
  if (char in BACKSLASH_ESCAPES) forms.push(escapeRegExp(BACKSLASH_ESCAPES[char]));
  if (char in NAMED_REFERENCES) forms.push(NAMED_REFERENCES[char]);
  if (char === ' ') forms.push('\\+');
  if (/\s/.test(char)) forms.push('\\s+');
  return forms;
}

/** `value` in hexadecimal of at least `width` digits, each letter in either case. */
function hexPattern(value: number, width: number): string {
  return value
    .toString(16)
    .padStart(width, '0')
    .replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
