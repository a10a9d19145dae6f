import { describe, expect, it } from 'vitest';
import { sanitizeMailHtml } from './html.js';

describe('sanitizeMailHtml', () => {
  it.each([
    ['<p onclick="x()">hi</p><script>alert(1)</script>', '<p>hi</p>'],
    ['<img src="https://tracker.example/p.gif"><img src="data:image/png;base64,AAAA">', ''],
    ['<p style="color:red;background:url(https://t.example/x)">x</p>', '<p style="color:red">x</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow" target="_blank">x</a>'],
    ['<iframe src="https://x.example"></iframe><form><input></form>', ''],
    ['<style>p{color:red}</style><p>x</p>', '<p>x</p>'],
  ])('%s', (html, expected) => {
    expect(sanitizeMailHtml(html)).toBe(expected);
  });

  it('points inline images at their stored files, and drops unknown ones', () => {
    const urls = new Map([['img1@x', '/api/v1/attachments/1']]);
    const html = '<img src="cid:img1@x" alt="a"><img src="cid:other@x">';
    expect(sanitizeMailHtml(html, (cid) => urls.get(cid) ?? null)).toBe(
      '<img alt="a" src="/api/v1/attachments/1" />',
    );
  });
});
