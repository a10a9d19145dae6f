/**
 * The raw header block of a message, read without trusting it: mail in the wild has bare LF line
 * ends, 8-bit bytes in headers without any charset, folded lines, duplicated fields and garbage.
 */

const HEADER_LIMIT = 256 * 1024;

/** Where the header block ends (the first empty line), or the whole input when there is none. */
export function headerBlockEnd(raw: Buffer): number {
  const limit = Math.min(raw.length, HEADER_LIMIT);
  for (let i = 0; i < limit; i++) {
    if (raw[i] !== 0x0a) continue;
    if (raw[i + 1] === 0x0a) return i + 2;
    if (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) return i + 3;
  }
  return limit;
}

/** Field name (lower case) → raw values in order, unfolded, as latin1 text (one char per byte). */
export type RawHeaders = Map<string, string[]>;

export function readRawHeaders(raw: Buffer): RawHeaders {
  const text = raw.subarray(0, headerBlockEnd(raw)).toString('latin1');
  const headers: RawHeaders = new Map();
  const unfolded = text.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  for (const line of unfolded) {
    const match = /^([!-9;-~]+)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (!match) continue;
    const key = match[1]!.toLowerCase();
    headers.set(key, [...(headers.get(key) ?? []), match[2]!.trim()]);
  }
  return headers;
}

export function firstHeader(headers: RawHeaders, key: string): string | null {
  return headers.get(key)?.[0] ?? null;
}

/** `<id@host>` tokens of Message-ID, In-Reply-To or References (comments and junk between them ignored). */
export function messageIdsIn(value: string | null | undefined): string[] {
  if (!value) return [];
  const ids = [...value.matchAll(/<([^<>\s]{1,500})>/g)].map((match) => match[1]!);
  if (ids.length > 0) return ids;
  // Some mailers leave out the angle brackets.
  const bare = value.trim();
  return /^[^\s<>@]+@[^\s<>@]+$/.test(bare) ? [bare] : [];
}

/** Bytes that are not valid UTF-8 are, in practice, Windows-1252 (a superset of ISO-8859-1). */
export function decodeUnlabelled(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** A raw header value with 8-bit bytes and no declared charset, decoded as well as can be. */
export function decodeRawHeader(value: string): string {
  return decodeUnlabelled(Buffer.from(value, 'latin1'));
}

/**
 * Label text parts that declare no charset as Windows-1252, for a second parse of a message whose
 * 8-bit body was not UTF-8 (mail parsers assume UTF-8 and produce replacement characters).
 */
export function labelUnlabelledTextParts(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  let patched = text.replace(
    /^(Content-Type:[ \t]*text\/[a-z0-9.+-]+)((?:[^\r\n]*)(?:\r?\n[ \t][^\r\n]*)*)/gim,
    (whole, head: string, rest: string) =>
      /charset/i.test(rest) ? whole : `${head}; charset=windows-1252${rest}`,
  );
  const end = headerBlockEnd(raw);
  if (!/^Content-Type:/im.test(text.slice(0, end))) {
    patched = `Content-Type: text/plain; charset=windows-1252\r\n${patched}`;
  }
  return Buffer.from(patched, 'latin1');
}
