import { createHash, timingSafeEqual } from 'node:crypto';

/** Secrets (session ids, API tokens, reset tokens) are stored only as SHA-256 digests. */
export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
