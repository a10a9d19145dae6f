import { describe, expect, it } from 'vitest';
import { RecurrenceError } from '../recurrence/index.js';
import {
  nextDueDates,
  occurrenceKey,
  occurrencesToGenerate,
  type PlanSchedule,
  validatePlanSchedule,
} from './schedule.js';

const sundayBerlin: PlanSchedule = {
  rrule: 'FREQ=WEEKLY;BYDAY=SU',
  dtstart: '2026-01-04T02:00:00',
  timezone: 'Europe/Berlin',
};
const at = (text: string) => new Date(text);
const keys = (plan: ReturnType<typeof occurrencesToGenerate>) => plan.occurrences.map((o) => o.key);

describe('occurrencesToGenerate', () => {
  it.each([
    {
      label: 'weekly Sunday 02:00 Berlin, 14 days ahead, across the spring gap (offset before the gap)',
      schedule: sundayBerlin,
      ahead: 14,
      through: '2026-03-20T00:00:00Z',
      now: '2026-03-20T00:00:00Z',
      expected: ['2026-03-22T01:00:00Z', '2026-03-29T01:00:00Z'],
      mark: '2026-04-03T00:00:00Z',
    },
    {
      label: 'the next run a week later continues at the mark (summer time now)',
      schedule: sundayBerlin,
      ahead: 14,
      through: '2026-04-03T00:00:00Z',
      now: '2026-03-27T00:00:00Z',
      expected: ['2026-04-05T00:00:00Z'],
      mark: '2026-04-10T00:00:00Z',
    },
    {
      label: 'daily 02:30 Berlin across the autumn overlap (the earlier instant)',
      schedule: { rrule: 'FREQ=DAILY', dtstart: '2026-10-01T02:30:00', timezone: 'Europe/Berlin' },
      ahead: 3,
      through: '2026-10-24T00:00:00Z',
      now: '2026-10-24T00:00:00Z',
      expected: ['2026-10-24T00:30:00Z', '2026-10-25T00:30:00Z', '2026-10-26T01:30:00Z'],
      mark: '2026-10-27T00:00:00Z',
    },
    {
      label: 'hourly across the spring gap: 02:00 and 03:00 local share an instant and make one task',
      schedule: { rrule: 'FREQ=HOURLY', dtstart: '2026-03-29T00:00:00', timezone: 'Europe/Berlin' },
      ahead: 0,
      through: '2026-03-28T23:00:00Z',
      now: '2026-03-29T02:00:30Z',
      expected: [
        '2026-03-28T23:00:00Z',
        '2026-03-29T00:00:00Z',
        '2026-03-29T01:00:00Z',
        '2026-03-29T02:00:00Z',
      ],
      mark: '2026-03-29T02:00:30Z',
    },
    {
      label: 'first Monday 09:00 New York: EST before 8 March, EDT after',
      schedule: {
        rrule: 'FREQ=MONTHLY;BYDAY=1MO',
        dtstart: '2026-01-05T09:00:00',
        timezone: 'America/New_York',
      },
      ahead: 90,
      through: '2026-01-10T00:00:00Z',
      now: '2026-01-10T00:00:00Z',
      expected: ['2026-02-02T14:00:00Z', '2026-03-02T14:00:00Z', '2026-04-06T13:00:00Z'],
      mark: '2026-04-10T00:00:00Z',
    },
    {
      label: 'after downtime the missed occurrences come too (overdue)',
      schedule: sundayBerlin,
      ahead: 7,
      through: '2026-02-01T00:00:00Z',
      now: '2026-02-10T00:00:00Z',
      expected: ['2026-02-01T01:00:00Z', '2026-02-08T01:00:00Z', '2026-02-15T01:00:00Z'],
      mark: '2026-02-17T00:00:00Z',
    },
    {
      label: 'nothing before DTSTART',
      schedule: { ...sundayBerlin, dtstart: '2026-06-07T02:00:00' },
      ahead: 30,
      through: '2026-05-20T00:00:00Z',
      now: '2026-05-20T00:00:00Z',
      expected: ['2026-06-07T00:00:00Z', '2026-06-14T00:00:00Z'],
      mark: '2026-06-19T00:00:00Z',
    },
    {
      label: 'an excluded date is passed over',
      schedule: { ...sundayBerlin, exdates: ['2026-03-29'] },
      ahead: 14,
      through: '2026-03-20T00:00:00Z',
      now: '2026-03-20T00:00:00Z',
      expected: ['2026-03-22T01:00:00Z'],
      mark: '2026-04-03T00:00:00Z',
    },
    {
      label: 'lead time 0: only what is already due (an occurrence exactly at now waits for the next run)',
      schedule: sundayBerlin,
      ahead: 0,
      through: '2026-03-15T00:00:00Z',
      now: '2026-03-22T01:00:00Z',
      expected: ['2026-03-15T01:00:00Z'],
      mark: '2026-03-22T01:00:00Z',
    },
    {
      label: 'a mark beyond the horizon (lead time shortened) generates nothing and stays put',
      schedule: sundayBerlin,
      ahead: 1,
      through: '2026-04-03T00:00:00Z',
      now: '2026-03-20T00:00:00Z',
      expected: [],
      mark: '2026-04-03T00:00:00Z',
    },
  ])('$label', ({ schedule, ahead, through, now, expected, mark }) => {
    const plan = occurrencesToGenerate({
      schedule,
      generateAheadDays: ahead,
      generatedThrough: at(through),
      now: at(now),
    });
    expect(keys(plan)).toEqual(expected);
    expect(plan.occurrences.map((o) => o.dueAt.toISOString().replace('.000Z', 'Z'))).toEqual(expected);
    expect(plan.through.toISOString()).toBe(at(mark).toISOString());
  });

  it('stops at the limit and continues from just after the last occurrence, without gap or repeat', () => {
    const schedule = { rrule: 'FREQ=DAILY', dtstart: '2026-01-01T09:00:00', timezone: 'Europe/Berlin' };
    const input = { schedule, generateAheadDays: 10, now: at('2026-01-01T00:00:00Z'), limit: 4 };
    const seen: string[] = [];
    let mark = at('2026-01-01T00:00:00Z');
    for (let run = 0; run < 5; run++) {
      const plan = occurrencesToGenerate({ ...input, generatedThrough: mark });
      seen.push(...keys(plan));
      expect(plan.through.getTime()).toBeGreaterThanOrEqual(mark.getTime());
      mark = plan.through;
    }
    expect(seen).toEqual(
      Array.from({ length: 10 }, (_, day) => `2026-01-${String(day + 1).padStart(2, '0')}T08:00:00Z`),
    );
    expect(mark.toISOString()).toBe('2026-01-11T00:00:00.000Z');
  });

  it('applies an edited schedule only from the mark on, so generated occurrences are not generated again', () => {
    const first = occurrencesToGenerate({
      schedule: sundayBerlin,
      generateAheadDays: 14,
      generatedThrough: at('2026-03-01T00:00:00Z'),
      now: at('2026-03-01T00:00:00Z'),
    });
    expect(keys(first)).toEqual(['2026-03-01T01:00:00Z', '2026-03-08T01:00:00Z']);
    // Moved to Wednesdays 03:00 a day later: the next Wednesday before the mark is not generated.
    const edited = occurrencesToGenerate({
      schedule: { ...sundayBerlin, rrule: 'FREQ=WEEKLY;BYDAY=WE', dtstart: '2026-01-07T03:00:00' },
      generateAheadDays: 14,
      generatedThrough: first.through,
      now: at('2026-03-02T00:00:00Z'),
    });
    expect(keys(edited)).toEqual([]);
    const later = occurrencesToGenerate({
      schedule: { ...sundayBerlin, rrule: 'FREQ=WEEKLY;BYDAY=WE', dtstart: '2026-01-07T03:00:00' },
      generateAheadDays: 14,
      generatedThrough: edited.through,
      now: at('2026-03-05T00:00:00Z'),
    });
    expect(keys(later)).toEqual(['2026-03-18T02:00:00Z']);
  });

  it('is deterministic: the same inputs give the same keys', () => {
    const input = {
      schedule: sundayBerlin,
      generateAheadDays: 60,
      generatedThrough: at('2026-01-01T00:00:00Z'),
      now: at('2026-01-01T00:00:00Z'),
    };
    expect(keys(occurrencesToGenerate(input))).toEqual(keys(occurrencesToGenerate(input)));
  });

  it('refuses a lead time out of range', () => {
    const base = {
      schedule: sundayBerlin,
      generatedThrough: at('2026-01-01T00:00:00Z'),
      now: at('2026-01-01T00:00:00Z'),
    };
    expect(() => occurrencesToGenerate({ ...base, generateAheadDays: -1 })).toThrow(RangeError);
    expect(() => occurrencesToGenerate({ ...base, generateAheadDays: 1.5 })).toThrow(RangeError);
    expect(() => occurrencesToGenerate({ ...base, generateAheadDays: 367 })).toThrow(RangeError);
  });
});

describe('occurrenceKey', () => {
  it('is the UTC instant to the second', () => {
    expect(occurrenceKey(at('2026-03-29T01:00:00.000Z'))).toBe('2026-03-29T01:00:00Z');
  });
});

describe('validatePlanSchedule', () => {
  it.each([
    [{ rrule: 'FREQ=SOMETIMES' }, 'rrule'],
    [{ dtstart: '2026-01-04T02:00:00+01:00' }, 'dtstart'],
    [{ timezone: 'Moon/Base' }, 'timezone'],
    [{ exdates: ['someday'] }, 'exdates'],
  ])('names the bad field for %o', (change, field) => {
    let error: unknown;
    try {
      validatePlanSchedule({ ...sundayBerlin, ...change });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RecurrenceError);
    expect((error as RecurrenceError).field).toBe(field);
  });

  it('accepts a good schedule', () => {
    expect(() => validatePlanSchedule(sundayBerlin)).not.toThrow();
  });
});

describe('nextDueDates', () => {
  it('previews the next occurrences from an instant', () => {
    expect(nextDueDates(sundayBerlin, at('2026-03-21T00:00:00Z'), 3).map((d) => d.toISOString())).toEqual([
      '2026-03-22T01:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-04-05T00:00:00.000Z',
    ]);
  });
});
