import { describe, expect, it } from 'vitest';
import { compileCalendar } from './calendar.js';
import { InvalidCalendarError } from './errors.js';
import { CALENDAR_PRESETS, presetCalendar } from './presets.js';
import { hasOpenHours, validateCalendar } from './validate.js';

const valid = {
  timezone: 'Europe/Berlin',
  hours: {
    mon: [
      ['09:00', '12:00'],
      ['13:00', '17:00'],
    ],
    sun: [['20:00', '24:00']],
  },
  holidays: ['2026-12-25', '2028-02-29'],
};

describe('validateCalendar', () => {
  it('accepts the API shape, touching split shifts and a 24:00 close', () => {
    expect(validateCalendar(valid)).toEqual([]);
    expect(
      validateCalendar({
        ...valid,
        hours: {
          tue: [
            ['09:00', '12:00'],
            ['12:00', '13:00'],
          ],
        },
      }),
    ).toEqual([]);
    expect(validateCalendar({ timezone: 'UTC', hours: {} })).toEqual([]);
  });

  it('names the field of each problem', () => {
    const problems = validateCalendar({
      timezone: 'Mars/Olympus_Mons',
      hours: {
        mon: [
          ['09:00', '17:00'],
          ['16:00', '18:00'],
        ],
        tue: [['17:00', '09:00']],
        wed: [['9:00', '24:01']],
        thu: [['24:00', '24:00']],
        fri: 'always',
        funday: [],
      },
      holidays: ['2026-02-30', '26-12-25', 20261225],
      holiday: [],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'holiday', message: 'unknown field' },
        { path: 'timezone', message: 'unknown IANA time zone' },
        { path: 'hours.mon[1]', message: 'overlaps hours.mon[0]' },
        { path: 'hours.tue[0]', message: 'start must be before end' },
        { path: 'hours.wed[0][0]', message: 'must be a time "HH:MM" (00:00-23:59)' },
        { path: 'hours.wed[0][1]', message: 'must be a time "HH:MM" or "24:00"' },
        { path: 'hours.thu[0][0]', message: '"24:00" may only close an interval' },
        { path: 'hours.fri', message: 'must be a list of ["HH:MM", "HH:MM"] pairs' },
        { path: 'hours.funday', message: 'unknown weekday; use one of mon, tue, wed, thu, fri, sat, sun' },
        { path: 'holidays[0]', message: 'must be a real local date "YYYY-MM-DD"' },
        { path: 'holidays[1]', message: 'must be a real local date "YYYY-MM-DD"' },
        { path: 'holidays[2]', message: 'must be a real local date "YYYY-MM-DD"' },
      ]),
    );
    expect(problems).toHaveLength(12);
  });

  it('reports overlaps against the earlier-listed interval, whatever the order', () => {
    const hours = {
      sat: [
        ['10:00', '11:00'],
        ['08:00', '18:00'],
        ['17:30', '19:00'],
      ],
    };
    expect(validateCalendar({ timezone: 'UTC', hours })).toEqual([
      { path: 'hours.sat[1]', message: 'overlaps hours.sat[0]' },
      { path: 'hours.sat[2]', message: 'overlaps hours.sat[1]' },
    ]);
  });

  it('rejects wrong shapes without throwing', () => {
    expect(validateCalendar(null)).toEqual([{ path: '', message: 'must be an object' }]);
    expect(validateCalendar({ hours: [], holidays: '2026-01-01' })).toEqual([
      { path: 'timezone', message: 'must be a string (an IANA time zone name)' },
      { path: 'hours', message: 'must be an object keyed by weekday (mon..sun)' },
      { path: 'holidays', message: 'must be a list of local dates "YYYY-MM-DD"' },
    ]);
    expect(validateCalendar({ timezone: 'UTC', hours: { mon: [['09:00']] } })).toEqual([
      { path: 'hours.mon[0]', message: 'must be a pair ["HH:MM", "HH:MM"]' },
    ]);
  });
});

describe('compileCalendar', () => {
  it('throws InvalidCalendarError carrying every problem', () => {
    const bad = { timezone: 'Nowhere/Land', hours: { mon: [['18:00', '09:00']] } } as const;
    expect(() => compileCalendar(bad)).toThrow(InvalidCalendarError);
    try {
      compileCalendar(bad);
    } catch (error) {
      expect((error as InvalidCalendarError).code).toBe('calendar.invalid');
      expect((error as InvalidCalendarError).problems.map((p) => p.path)).toEqual([
        'timezone',
        'hours.mon[0]',
      ]);
    }
  });
});

describe('presets and open hours', () => {
  it('builds each preset as a valid API-shaped calendar', () => {
    for (const preset of CALENDAR_PRESETS) {
      const input = presetCalendar(preset, 'America/New_York', ['2026-07-03']);
      expect(validateCalendar(input)).toEqual([]);
      expect(hasOpenHours(input)).toBe(true);
    }
    expect(presetCalendar('24/5', 'UTC').hours).toEqual({
      mon: [['00:00', '24:00']],
      tue: [['00:00', '24:00']],
      wed: [['00:00', '24:00']],
      thu: [['00:00', '24:00']],
      fri: [['00:00', '24:00']],
    });
    expect(presetCalendar('8/5', 'UTC').hours.sat).toBeUndefined();
  });

  it('tells a calendar with no opening hours at all', () => {
    expect(hasOpenHours({ timezone: 'UTC', hours: {} })).toBe(false);
    expect(hasOpenHours({ timezone: 'UTC', hours: { mon: [], tue: [] } })).toBe(false);
    expect(compileCalendar({ timezone: 'UTC', hours: { mon: [] } }).hasOpenHours).toBe(false);
  });
});
