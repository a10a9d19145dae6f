import { describe, expect, it } from 'vitest';
import { asciiFileName, attachmentDisposition, MAX_FILE_NAME_BYTES, sanitizeFileName } from './file-name.js';

const bytes = (text: string) => new TextEncoder().encode(text).length;
const long = `${'a'.repeat(300)}.pdf`;
const longEmoji = `${'😀'.repeat(80)}.png`;

describe('sanitizeFileName', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\evil\\x.exe', 'x.exe'],
    ['/var/tmp/', 'tmp'],
    ['dir\\', 'dir'],
    ['..', 'attachment'],
    ['.', 'attachment'],
    ['...', 'attachment'],
    ['', 'attachment'],
    ['   ', 'attachment'],
    ['/', 'attachment'],
    ['.htaccess', 'htaccess'],
    ['..hidden.txt', 'hidden.txt'],
    ['name. . .', 'name'],
    ['trailing space.txt  ', 'trailing space.txt'],
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['CON.txt', '_CON.txt'],
    ['NUL.tar.gz', '_NUL.tar.gz'],
    ['Com1.log', '_Com1.log'],
    ['LPT9', '_LPT9'],
    ['console.txt', 'console.txt'],
    ['COM10.txt', 'COM10.txt'],
    ['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
    ['say "hi"\r\nnow.txt', 'say _hi_ now.txt'],
    ['tab\there.txt', 'tab here.txt'],
    ['nul\u0000byte.txt', 'nulbyte.txt'],
    ['bell\u0007\u007f\u0085.txt', 'bell.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['cafe\u0301.txt', 'café.txt'],
    ['😀 party.png', '😀 party.png'],
    ['Zürich Übersicht.docx', 'Zürich Übersicht.docx'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it('returns NFC', () => {
    expect(sanitizeFileName('cafe\u0301.txt')).toBe('caf\u00e9.txt');
  });

  it('limits the name to 200 bytes of UTF-8 and keeps the extension', () => {
    const result = sanitizeFileName(long);
    expect(bytes(result)).toBe(MAX_FILE_NAME_BYTES);
    expect(result).toBe(`${'a'.repeat(196)}.pdf`);
  });

  it('never cuts a multi-byte character or emoji in half', () => {
    const result = sanitizeFileName(longEmoji);
    expect(bytes(result)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(result.endsWith('😀.png')).toBe(true);
    expect(result).toBe(`${'😀'.repeat(49)}.png`);
    const family = '👨‍👩‍👧'.repeat(20);
    expect(sanitizeFileName(family)).toBe('👨‍👩‍👧'.repeat(11));
  });

  it('shortens the whole name when the "extension" is itself long', () => {
    const result = sanitizeFileName(`x.${'b'.repeat(300)}`);
    expect(bytes(result)).toBe(MAX_FILE_NAME_BYTES);
    expect(result.startsWith('x.bbb')).toBe(true);
  });

  it('does not leave a trailing dot after shortening', () => {
    const result = sanitizeFileName(`${'a'.repeat(195)}.....b.txt`);
    expect(result.endsWith('.txt')).toBe(true);
    expect(result).not.toMatch(/\.\.txt$/);
  });
});

describe('download names', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['Zürich.txt', 'Zurich.txt'],
    ['😀 party.png', '_ party.png'],
    ['日本語.txt', '_.txt'],
    ['100%.txt', '100_.txt'],
  ])('ASCII fallback of %j is %j', (name, expected) => {
    expect(asciiFileName(name)).toBe(expected);
  });

  it('gives both an ASCII filename and the exact UTF-8 filename*', () => {
    expect(attachmentDisposition('Zürich (1).txt')).toBe(
      `attachment; filename="Zurich (1).txt"; filename*=UTF-8''Z%C3%BCrich%20%281%29.txt`,
    );
    expect(attachmentDisposition("it's.txt")).toBe(
      `attachment; filename="it's.txt"; filename*=UTF-8''it%27s.txt`,
    );
  });
});
