/**
 * File names that come from uploads are untrusted: they may carry directories, control
 * characters, bidirectional overrides, names Windows reserves, or be absurdly long. What we store
 * and offer back for download is a plain, single-segment name that every file system accepts.
 */

export const FALLBACK_FILE_NAME = 'attachment';
export const MAX_FILE_NAME_BYTES = 200;

/** Longest extension kept apart from the base when a name is shortened (`.xlsx`, `.tar.gz` part). */
const MAX_EXTENSION_BYTES = 20;

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Tabs, line breaks and Unicode spaces become one plain space. */
const WHITESPACE = /\s+/g;
const FORBIDDEN = /[<>:"|?*]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

const utf8 = new TextEncoder();
const bytes = (text: string) => utf8.encode(text).length;

/** The last non-empty path segment, with `/` and `\` both taken as separators. */
function lastSegment(name: string): string {
  const segments = name.split(/[/\\]/).filter((segment) => segment.trim() !== '');
  return segments.at(-1) ?? '';
}

function trimDotsAndSpaces(name: string): string {
  return name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
}

/** `CON`, `nul.txt`, `COM1.tar.gz`… are devices on Windows whatever their extension. */
function avoidReserved(name: string): string {
  const stem = name.split('.')[0]!.trimEnd();
  return RESERVED.test(stem) ? `_${name}` : name;
}

/** Whole characters (grapheme clusters) only, so an emoji or accent is never cut in half. */
function truncateToBytes(text: string, limit: number): string {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let result = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const size = bytes(segment);
    if (used + size > limit) break;
    result += segment;
    used += size;
  }
  return result;
}

/** At most MAX_FILE_NAME_BYTES of UTF-8, keeping a (short) extension when the base is shortened. */
function limitLength(name: string): string {
  if (bytes(name) <= MAX_FILE_NAME_BYTES) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  if (extension && bytes(extension) <= MAX_EXTENSION_BYTES) {
    const base = truncateToBytes(name.slice(0, dot), MAX_FILE_NAME_BYTES - bytes(extension));
    return `${trimDotsAndSpaces(base)}${extension}`;
  }
  return truncateToBytes(name, MAX_FILE_NAME_BYTES);
}

/** A safe, single-segment file name (NFC); `attachment` when nothing usable is left. */
export function sanitizeFileName(raw: string): string {
  let name = lastSegment(raw.normalize('NFC'));
  name = name.replace(CONTROL, '').replace(WHITESPACE, ' ').replace(FORBIDDEN, '_');
  name = trimDotsAndSpaces(name);
  if (name === '') return FALLBACK_FILE_NAME;
  name = trimDotsAndSpaces(limitLength(avoidReserved(name)));
  return name === '' ? FALLBACK_FILE_NAME : name;
}

/** Printable ASCII only, for the `filename="…"` of old clients: accents dropped, the rest `_`. */
export function asciiFileName(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return ascii.replace(/_{2,}/g, '_') || FALLBACK_FILE_NAME;
}

/** RFC 5987 / RFC 6266: `attachment; filename="ascii"; filename*=UTF-8''percent-encoded`. */
export function attachmentDisposition(name: string): string {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${encoded}`;
}
