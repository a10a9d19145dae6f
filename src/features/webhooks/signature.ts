import { createHmac, timingSafeEqual } from 'node:crypto';
import { randomSecret } from '../../platform/ids.js';

export const SECRET_PREFIX = 'whsec_';

/** A new signing secret: `whsec_` and 256 random bits (base64url). */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomSecret(32)}`;
}

/**
 * The `x-tend-signature` value: `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>`, keyed
 * with the whole secret (UTF-8, `whsec_` included). The timestamp is the `x-tend-timestamp`
 * header (Unix seconds), so a receiver can refuse old, replayed requests.
 */
export function signatureOf(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute, compare in constant time, and check the timestamp is recent. */
export function verifySignature(input: {
  secret: string;
  timestamp: string;
  body: string;
  signature: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}): boolean {
  const sent = Number(input.timestamp);
  if (!Number.isInteger(sent)) return false;
  if (Math.abs(input.nowSeconds - sent) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signatureOf(input.secret, input.timestamp, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
