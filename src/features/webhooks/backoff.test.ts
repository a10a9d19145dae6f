import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.js';
import { maxAttempts, nextRetryDelayMs } from './backoff.js';

const DEFAULT_RETRY_DELAYS_MS = loadConfig({}).webhooks.retryDelaysMs;

describe('retry backoff', () => {
  it('waits 30 s, 2 min, 10 min, 1 h, 6 h, 12 h, 24 h and gives up after the 8th attempt', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((attempt) => nextRetryDelayMs(attempt, DEFAULT_RETRY_DELAYS_MS));
    expect(delays).toEqual([30_000, 120_000, 600_000, 3_600_000, 21_600_000, 43_200_000, 86_400_000]);
    expect(maxAttempts(DEFAULT_RETRY_DELAYS_MS)).toBe(8);
    expect(nextRetryDelayMs(8, DEFAULT_RETRY_DELAYS_MS)).toBeNull();
  });

  it('gives a manual retry past the limit no further attempts', () => {
    expect(nextRetryDelayMs(9, [100, 200])).toBeNull();
    expect(nextRetryDelayMs(2, [100, 200])).toBe(200);
    expect(nextRetryDelayMs(1, [])).toBeNull();
  });
});
