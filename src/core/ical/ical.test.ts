import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, exactDuration, foldLine, vtimezoneLines } from './index.js';

const octets = (text: string) => new TextEncoder().encode(text).length;

describe('foldLine', () => {
  it.each([
    ['short', 'SUMMARY:Patch', 1],
    ['exactly 75 octets', `X:${'a'.repeat(73)}`, 1],
    ['76 octets', `X:${'a'.repeat(74)}`, 2],
    ['long ASCII', `DESCRIPTION:${'x'.repeat(300)}`, 5],
    ['multi-byte characters', `SUMMARY:${'Wartungsfenster für Ödland — 日本語 '.repeat(8)}`, 5],
  ])('%s', (_name, line, count) => {
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts).toHaveLength(count);
    for (const [index, part] of parts.entries()) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      if (index > 0) expect(part.startsWith(' ')).toBe(true);
    }
    // Unfolding (drop CRLF + one space) gives the line back, no character cut in half.
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});

describe('escapeText and exactDuration', () => {
  it.each([
    ['a,b;c\\d', 'a\\,b\\;c\\\\d'],
    ['line 1\nline 2\r\nline 3', 'line 1\\nline 2\\nline 3'],
  ])('escapes %j', (input, expected) => expect(escapeText(input)).toBe(expected));

  it.each([
    [240, 'PT4H'],
    [90, 'PT1H30M'],
    [45, 'PT45M'],
    [1440 * 2, 'PT48H'],
  ])('%i minutes → %s', (minutes, expected) => expect(exactDuration(minutes)).toBe(expected));
});

describe('vtimezoneLines', () => {
  it('gives Berlin open-ended yearly rules: last Sunday of March and October', () => {
    const text = vtimezoneLines('Europe/Berlin', 2025, 2035).join('\n');
    expect(text).toContain(
      'BEGIN:DAYLIGHT\nDTSTART:20250330T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200',
    );
    expect(text).toContain(
      'BEGIN:STANDARD\nDTSTART:20251026T030000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100',
    );
  });

  it('gives New York the second Sunday of March and first of November', () => {
    const text = vtimezoneLines('America/New_York', 2025, 2035).join('\n');
    expect(text).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\nTZOFFSETFROM:-0500\nTZOFFSETTO:-0400');
    expect(text).toContain('RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0500');
  });

  it('gives Lord Howe its half-hour change', () => {
    const text = vtimezoneLines('Australia/Lord_Howe', 2025, 2035).join('\n');
    expect(text).toContain('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\nTZOFFSETFROM:+1030\nTZOFFSETTO:+1100');
  });

  it('gives a zone without clock changes one observance', () => {
    expect(vtimezoneLines('Asia/Tokyo', 2025, 2035)).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Asia/Tokyo',
      'BEGIN:STANDARD',
      'DTSTART:20241230T000000',
      'TZOFFSETFROM:+0900',
      'TZOFFSETTO:+0900',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });

  it('ends a rule that stopped with UNTIL (Europe/Moscow stopped DST in 2011)', () => {
    const text = vtimezoneLines('Europe/Moscow', 2008, 2015).join('\n');
    expect(text).toMatch(/RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;UNTIL=20110326T230000Z/);
  });

  it.each(['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Sao_Paulo'])(
    'lets ical.js turn %s wall times into the platform’s instants, over seven years',
    (zone) => {
      const text = buildCalendar({
        prodId: '-//t//EN',
        stamp: new Date(0),
        events: [],
        zoneYears: { from: 2024, until: 2030 },
      });
      const withZone = text.replace(
        'END:VCALENDAR',
        `${vtimezoneLines(zone, 2024, 2030).join('\r\n')}\r\nEND:VCALENDAR`,
      );
      const component = new ICAL.Component(ICAL.parse(withZone));
      const timezone = new ICAL.Timezone(component.getFirstSubcomponent('vtimezone')!);
      // Every local wall time 3 h 15 min apart that exists exactly once (ical.js resolves gaps and
      // overlaps its own way; core/maintenance pins those occurrences with overrides).
      for (
        let wall = Date.UTC(2024, 0, 1);
        wall < Date.UTC(2031, 0, 1);
        wall += 3 * 3_600_000 + 15 * 60_000
      ) {
        const d = new Date(wall);
        const parts = {
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
          hour: d.getUTCHours(),
          minute: d.getUTCMinutes(),
        };
        const platform = DateTime.fromObject(parts, { zone });
        if (platform.hour !== parts.hour || platform.minute !== parts.minute) continue; // a gap
        if (platform.getPossibleOffsets().length > 1) continue; // an overlap
        const theirs = new ICAL.Time({ ...parts, second: 0, isDate: false }, timezone).toUnixTime() * 1000;
        expect(theirs, JSON.stringify(parts)).toBe(platform.toMillis());
      }
    },
  );
});

describe('buildCalendar', () => {
  it('ends every line with CRLF and keeps lines within 75 octets', () => {
    const text = buildCalendar({
      prodId: '-//Tend//Maintenance//EN',
      method: 'PUBLISH',
      name: 'Acme, maintenance',
      stamp: new Date('2026-01-01T00:00:00Z'),
      zoneYears: { from: 2026, until: 2027 },
      events: [
        {
          uid: 'w@tend',
          sequence: 3,
          summary: `Patching; ${'long '.repeat(30)}`,
          start: { local: '20260104T020000', tzid: 'Europe/Berlin' },
          durationMinutes: 240,
          rrule: 'FREQ=WEEKLY;BYDAY=SU',
          exdates: ['20260111T020000'],
        },
      ],
    });
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(text).toContain('\r\nMETHOD:PUBLISH\r\n');
    expect(text).toContain('\r\nX-WR-CALNAME:Acme\\, maintenance\r\n');
    expect(text).toContain('\r\nEXDATE;TZID=Europe/Berlin:20260111T020000\r\n');
    expect(text).toContain('\r\nSEQUENCE:3\r\n');
    expect(text).toContain('\r\nDTSTAMP:20260101T000000Z\r\n');
  });
});
