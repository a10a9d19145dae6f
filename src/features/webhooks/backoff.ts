/**
 * After `attemptsMade` attempts, the last of which failed: the wait before the next one, or null
 * when the attempts are used up (`delays.length + 1` in all). `delays` comes from
 * TEND_WEBHOOK_RETRY_DELAYS (by default 30 s, 2 min, 10 min, 1 h, 6 h, 12 h, 24 h). A manual retry
 * past the limit gets exactly one more attempt.
 */
export function nextRetryDelayMs(attemptsMade: number, delays: readonly number[]): number | null {
  if (attemptsMade < 1 || attemptsMade > delays.length) return null;
  return delays[attemptsMade - 1] ?? null;
}

export function maxAttempts(delays: readonly number[]): number {
  return delays.length + 1;
}
