/** RFC 5545 text rules: TEXT escaping (§3.3.11) and content-line folding (§3.1). */

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();
const LIMIT = 75;

/**
 * Folds one content line into lines of at most 75 octets (the continuation's leading space
 * included), never splitting a UTF-8 character, joined by CRLF + space.
 */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const room = pieces.length === 0 ? LIMIT : LIMIT - 1;
    if (octets + size > room) {
      pieces.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
}

/** Content lines as one iCalendar text: folded, every line ending in CRLF. */
export function joinLines(lines: readonly string[]): string {
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
