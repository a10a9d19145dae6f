import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signatureOf, verifySignature } from './signature.js';

describe('webhook signatures', () => {
  const secret = 'whsec_test-secret';
  const body = '{"id":"1","type":"ticket.created"}';

  it('is sha256= and the hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the whole secret', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signatureOf(secret, '1700000000', body)).toBe(`sha256=${expected}`);
  });

  it('verifies a fresh signature and refuses a changed body, another secret or an old timestamp', () => {
    const signature = signatureOf(secret, '1700000000', body);
    const check = { secret, timestamp: '1700000000', body, signature, nowSeconds: 1700000100 };
    expect(verifySignature(check)).toBe(true);
    expect(verifySignature({ ...check, body: `${body} ` })).toBe(false);
    expect(verifySignature({ ...check, secret: 'whsec_other' })).toBe(false);
    expect(verifySignature({ ...check, nowSeconds: 1700000000 + 301 })).toBe(false);
    expect(verifySignature({ ...check, timestamp: 'soon' })).toBe(false);
    expect(verifySignature({ ...check, signature: 'sha256=00' })).toBe(false);
  });

  it('makes a new random secret each time', () => {
    const first = newWebhookSecret();
    expect(first).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(first);
  });
});
