/**
 * Content types of uploaded files: stored as the uploader declared them (the bare media type),
 * but served back only when a browser cannot be made to run them; anything else downloads as
 * `application/octet-stream`.
 */

export const OCTET_STREAM = 'application/octet-stream';

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** Images a browser renders without scripts (no SVG), PDF, plain text and common office formats. */
const SAFE_TO_SERVE = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/tiff',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/rtf',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
]);

/** `Image/PNG; charset=x` → `image/png`; missing or malformed → application/octet-stream. */
export function normaliseContentType(header: string | undefined): string {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  return MEDIA_TYPE.test(type) ? type : OCTET_STREAM;
}

/** What a download is labelled with: the stored type if it is on the allow-list, else octet-stream. */
export function downloadContentType(stored: string): string {
  const type = normaliseContentType(stored);
  return SAFE_TO_SERVE.has(type) ? type : OCTET_STREAM;
}
