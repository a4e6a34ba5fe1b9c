import { extensionOf } from '../media/media';

/** The longest label of a file the extension shows or keeps (confirmation, progress, messages, history). */
export const FILE_LABEL_MAX_BYTES = 200;

// Half of a surrogate pair (to a `u` pattern a whole pair is one code point): it has no UTF-8 form.
const LONE_SURROGATE = /\p{Cs}/gu;

// Format characters (bidi overrides and isolates, zero-width spaces and joiners, byte-order marks) draw nothing but
// can reorder or hide what is drawn; control characters and line or paragraph separators break a line.
const INVISIBLE = /\p{Cf}/gu;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const EMOJI_MODIFIER = /^(?:\uFE0F|\p{Emoji_Modifier})$/u;

/** Whether the zero-width joiner at `offset` stands between two emoji, which it draws as one picture (a family). */
function joinsEmoji(text: string, offset: number): boolean {
  const before = Array.from(text.slice(Math.max(0, offset - 4), offset));
  let previous = before.pop();
  if (previous && EMOJI_MODIFIER.test(previous)) previous = before.pop();
  const next = text.codePointAt(offset + 1);
  return previous !== undefined && PICTOGRAPHIC.test(previous) && next !== undefined && PICTOGRAPHIC.test(String.fromCodePoint(next));
}
const LINE_BREAKING = /[\p{Cc}\p{Zl}\p{Zp}]/gu;
const UNSHOWABLE = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\p{Cs}]/gu;
/** What stands for a name that has no visible character. */
const UNREADABLE = '\uFFFD';
const ELLIPSIS = '…';

/**
 * A file's name or workspace-relative path as the person is shown it: without invisible characters (but the joiners
 * inside an emoji sequence), line breaks as
 * spaces, composed (NFC, as macOS hands names over decomposed), and cut at its start to {@link FILE_LABEL_MAX_BYTES}
 * UTF-8 bytes so the file name's end and extension stay. Never empty.
 */
export function displayFileName(name: string): string {
  const cleaned = name
    .replace(INVISIBLE, (character, offset: number) => (character === '\u200D' && joinsEmoji(name, offset) ? character : ''))
    .replace(LINE_BREAKING, ' ')
    .replace(LONE_SURROGATE, UNREADABLE)
    .normalize('NFC');
  if (!cleaned.trim()) return UNREADABLE;
  // `\u202E.png` would become `.png`, a name without an extension.
  const visible = extensionOf(cleaned) || !extensionOf(name) ? cleaned : UNREADABLE + cleaned;
  if (utf8Length(visible) <= FILE_LABEL_MAX_BYTES) return visible;
  const kept: string[] = [];
  let bytes = utf8Length(ELLIPSIS);
  for (const character of Array.from(visible).reverse()) {
    bytes += utf8Length(character);
    if (bytes > FILE_LABEL_MAX_BYTES) break;
    kept.push(character);
  }
  return ELLIPSIS + kept.reverse().join('');
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Text that must be shown exactly, such as the extension a message names: each character {@link displayFileName}
 * would drop or replace is written as its code (`.p<U+202E>ng`), so nothing in it is hidden or reordered.
 */
export function showInvisible(text: string): string {
  return text.replace(UNSHOWABLE, (character) => `<U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** Whether text holds half of a surrogate pair, which can be neither shown nor sent as it is. */
export function hasLoneSurrogate(text: string): boolean {
  return text.search(LONE_SURROGATE) !== -1;
}
