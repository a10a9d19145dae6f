import { describe, expect, it } from 'vitest';
import { zoneOffsets } from './zone-offsets.js';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('zoneOffsets', () => {
  it('finds each change to the second, including half-hour ones', () => {
    const stretches = zoneOffsets('Australia/Lord_Howe')
      .segments(Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))
      .map(({ start, end, offset }) => [iso(start), iso(end), offset / HOUR]);
    expect(stretches).toEqual([
      ['2026-01-01T00:00:00.000Z', '2026-04-04T15:00:00.000Z', 11],
      ['2026-04-04T15:00:00.000Z', '2026-10-03T15:30:00.000Z', 10.5],
      ['2026-10-03T15:30:00.000Z', '2027-01-01T00:00:00.000Z', 11],
    ]);
  });

  it('clips to the asked range and crosses year ends', () => {
    const stretches = zoneOffsets('America/Santiago')
      .segments(Date.UTC(2025, 11, 31, 12), Date.UTC(2026, 3, 5, 3, 0, 1))
      .map(({ start, end, offset }) => [iso(start), iso(end), offset / HOUR]);
    expect(stretches).toEqual([
      ['2025-12-31T12:00:00.000Z', '2026-01-01T00:00:00.000Z', -3],
      ['2026-01-01T00:00:00.000Z', '2026-04-05T03:00:00.000Z', -3],
      ['2026-04-05T03:00:00.000Z', '2026-04-05T03:00:01.000Z', -4],
    ]);
  });

  it('keeps offsets that are not whole hours and zones without changes', () => {
    expect(zoneOffsets('Asia/Kathmandu').segments(Date.UTC(2026, 5, 1), Date.UTC(2026, 5, 2))).toEqual([
      { start: Date.UTC(2026, 5, 1), end: Date.UTC(2026, 5, 2), offset: 5.75 * HOUR },
    ]);
  });

  it('is shared per zone and rejects unknown zones', () => {
    expect(zoneOffsets('Europe/Berlin')).toBe(zoneOffsets('Europe/Berlin'));
    expect(() => zoneOffsets('Nowhere/Land')).toThrow(RangeError);
  });
});
