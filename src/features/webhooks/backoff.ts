/** How long to wait after each failed attempt; one more attempt than delays, then give up. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [
  30_000, // 30 s
  120_000, // 2 min
  600_000, // 10 min
  3_600_000, // 1 h
  21_600_000, // 6 h
  43_200_000, // 12 h
  86_400_000, // 24 h
];

/**
 * After `attemptsMade` attempts, the last of which failed: the wait before the next one, or null
 * when the attempts are used up (`delays.length + 1` in all). A manual retry past the limit gets
 * exactly one more attempt.
 */
export function nextRetryDelayMs(attemptsMade: number, delays: readonly number[]): number | null {
  if (attemptsMade < 1 || attemptsMade > delays.length) return null;
  return delays[attemptsMade - 1] ?? null;
}

export function maxAttempts(delays: readonly number[]): number {
  return delays.length + 1;
}
