import { describe, expect, it } from 'vitest';
import { downloadContentType, normaliseContentType } from './content-type.js';

describe('content types', () => {
  it.each([
    [undefined, 'application/octet-stream'],
    ['', 'application/octet-stream'],
    ['Image/PNG', 'image/png'],
    ['text/plain; charset=utf-8', 'text/plain'],
    ['not a type', 'application/octet-stream'],
    ['text/html\r\nX-Evil: 1', 'application/octet-stream'],
  ])('stores %j as %j', (header, expected) => {
    expect(normaliseContentType(header)).toBe(expected);
  });

  it.each([
    ['image/png', 'image/png'],
    ['application/pdf', 'application/pdf'],
    ['text/plain', 'text/plain'],
    [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['text/html', 'application/octet-stream'],
    ['image/svg+xml', 'application/octet-stream'],
    ['application/javascript', 'application/octet-stream'],
    ['application/xhtml+xml', 'application/octet-stream'],
    ['text/xml', 'application/octet-stream'],
  ])('serves %j as %j', (stored, expected) => {
    expect(downloadContentType(stored)).toBe(expected);
  });
});
