import { MEDIA_STATUS_EXTENSIONS, extensionOf } from './media';
import { VOICE_STATUS_EXTENSIONS } from '../statuses/voiceStatus';

/**
 * The extensions (lower case, with the dot, preferred first) of a status file of this Content-Type, read from the
 * media and voice rules so a file is named as those rules accepted it: `image/jpeg` → `.jpg`, `.jpeg`. Empty for a
 * type no status takes.
 */
export function extensionsOfType(contentType: string): string[] {
  const type = contentType.split(';')[0].trim().toLowerCase();
  return [
    ...Object.keys(MEDIA_STATUS_EXTENSIONS).filter((extension) => MEDIA_STATUS_EXTENSIONS[extension] === type),
    ...Object.keys(VOICE_STATUS_EXTENSIONS).filter((extension) => VOICE_STATUS_EXTENSIONS[extension] === type),
  ];
}

/**
 * The name GREEN-API is given for a file of this type, as `GA-Filename` and as `fileName`: `status.jpg`,
 * `status.mov`… The server reads only the extension, so the person's own file name never leaves the machine.
 * Throws a TypeError for a type no status takes: the media and voice rules let no such file through.
 */
export function statusFileName(contentType: string): string {
  const [extension] = extensionsOfType(contentType);
  if (!extension) throw new TypeError(`no status file type for ${contentType}`);
  return `status${extension}`;
}

/** The extension of the file a link points at (lower case, with the dot), or '' when it has none worth showing. */
export function linkExtension(urlFile: string): string {
  let name: string;
  try {
    name = new URL(urlFile).pathname.split('/').pop() ?? '';
  } catch {
    return '';
  }
  const extension = extensionOf(name);
  return /^\.[a-z0-9]{1,10}$/.test(extension) ? extension : '';
}

/**
 * Whether a link names a file of this type. GREEN-API serves a stored file by the extension it gave it, and one it
 * did not recognise (`<uuid>.bin`) as a download, which a status never shows although the send answers 200.
 */
export function linkMatchesType(urlFile: string, contentType: string): boolean {
  return extensionsOfType(contentType).includes(linkExtension(urlFile));
}
