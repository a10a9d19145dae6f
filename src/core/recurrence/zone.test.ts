/** Local → instant at the edges of clock changes; expectations from Python zoneinfo (fold=0). */
import { describe, expect, it } from 'vitest';
import { parseLocalDateTime, toLocalMs } from './civil.js';
import { loadTimeZone } from './zone.js';

function instantOf(zoneName: string, local: string): string {
  const zone = loadTimeZone(zoneName);
  const parts = parseLocalDateTime(local);
  if (!zone || !parts) throw new Error(`bad fixture ${zoneName} ${local}`);
  return new Date(zone.toInstant(toLocalMs(parts))).toISOString().replace('.000Z', 'Z');
}

describe('loadTimeZone', () => {
  it.each([
    // Spring forward 02:00 → 03:00: the gap takes the offset before it (+01:00).
    ['Europe/Berlin', '2026-03-29T01:59:59', '2026-03-29T00:59:59Z'],
    ['Europe/Berlin', '2026-03-29T02:00:00', '2026-03-29T01:00:00Z'],
    ['Europe/Berlin', '2026-03-29T02:59:59', '2026-03-29T01:59:59Z'],
    ['Europe/Berlin', '2026-03-29T03:00:00', '2026-03-29T01:00:00Z'],
    // Fall back 03:00 → 02:00: the doubled hour takes the earlier instant (+02:00).
    ['Europe/Berlin', '2026-10-25T01:59:59', '2026-10-24T23:59:59Z'],
    ['Europe/Berlin', '2026-10-25T02:00:00', '2026-10-25T00:00:00Z'],
    ['Europe/Berlin', '2026-10-25T02:59:59', '2026-10-25T00:59:59Z'],
    ['Europe/Berlin', '2026-10-25T03:00:00', '2026-10-25T02:00:00Z'],
    // Local mean time before 1893 was +00:53:28: offsets keep their seconds.
    ['Europe/Berlin', '1890-01-01T00:00:00', '1889-12-31T23:06:32Z'],
    ['Asia/Kolkata', '2026-06-01T12:00:00', '2026-06-01T06:30:00Z'],
    // Chatham falls back from +13:45 to +12:45 at 03:45 local; 02:50 is in the doubled hour.
    ['Pacific/Chatham', '2026-04-05T02:50:00', '2026-04-04T13:05:00Z'],
    ['UTC', '2026-01-01T00:00:00', '2026-01-01T00:00:00Z'],
  ])('%s %s → %s', (zone, local, expected) => {
    expect(instantOf(zone, local)).toBe(expected);
  });

  it('accepts IANA names in any case and aliases, and rejects the rest', () => {
    expect(loadTimeZone('europe/berlin')).not.toBeNull();
    expect(loadTimeZone('US/Eastern')).not.toBeNull();
    expect(loadTimeZone('Mars/Olympus_Mons')).toBeNull();
    expect(loadTimeZone('+01:00')).toBeNull();
    expect(loadTimeZone('')).toBeNull();
  });
});
