/**
 * The monthly and yearly worked examples of RFC 5545 §3.8.5.3, whose expected dates are
 * printed there for the Eastern United States zone: run through expandWindows in America/New_York
 * and shown back as local wall times.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { expandWindows } from './windows.js';

const ZONE = 'America/New_York';

function localStarts(rrule: string, dtstart: string, until: string, exdates: string[] = []): string[] {
  const windows = expandWindows({
    rrule,
    dtstart,
    timezone: ZONE,
    durationMinutes: 60,
    exdates,
    from: new Date('1996-01-01T00:00:00Z'),
    until: new Date(until),
    limit: 1000,
  });
  return windows.map((w) => DateTime.fromJSDate(w.start, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm"));
}

/** { 1997: { 9: [2, 4] } } → ["1997-09-02T09:00", "1997-09-04T09:00"]: every RFC example is at 9 AM. */
function at9(spec: Record<number, Record<number, number[]>>): string[] {
  const pad = (n: number | string) => String(n).padStart(2, '0');
  return Object.entries(spec).flatMap(([year, months]) =>
    Object.entries(months).flatMap(([month, days]) =>
      days.map((d) => `${year}-${pad(month)}-${pad(d)}T09:00`),
    ),
  );
}

function range(from: number, to: number, step = 1): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n += step) out.push(n);
  return out;
}

const JAN = { 1: range(1, 31) };
const JFM = { 1: [10], 2: [10], 3: [10] };

/** [description, DTSTART, RRULE, end of the queried range, expected 9 AM dates]. */
const EXAMPLES: [string, string, string, string, string[]][] = [
  [
    'every day in January for 3 years (yearly)',
    '1998-01-01',
    'FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA',
    '2001',
    at9({ 1998: JAN, 1999: JAN, 2000: JAN }),
  ],
  [
    'monthly on the first Friday for 10 occurrences',
    '1997-09-05',
    'FREQ=MONTHLY;COUNT=10;BYDAY=1FR',
    '1999',
    at9({
      1997: { 9: [5], 10: [3], 11: [7], 12: [5] },
      1998: { 1: [2], 2: [6], 3: [6], 4: [3], 5: [1], 6: [5] },
    }),
  ],
  [
    'monthly on the first Friday until December 24, 1997',
    '1997-09-05',
    'FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR',
    '1999',
    at9({ 1997: { 9: [5], 10: [3], 11: [7], 12: [5] } }),
  ],
  [
    'every other month on the first and last Sunday, 10 occurrences',
    '1997-09-07',
    'FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU',
    '1999',
    at9({ 1997: { 9: [7, 28], 11: [2, 30] }, 1998: { 1: [4, 25], 3: [1, 29], 5: [3, 31] } }),
  ],
  [
    'monthly on the second-to-last Monday for 6 months',
    '1997-09-22',
    'FREQ=MONTHLY;COUNT=6;BYDAY=-2MO',
    '1999',
    at9({ 1997: { 9: [22], 10: [20], 11: [17], 12: [22] }, 1998: { 1: [19], 2: [16] } }),
  ],
  [
    'monthly on the third-to-the-last day',
    '1997-09-28',
    'FREQ=MONTHLY;BYMONTHDAY=-3',
    '1998-03-01',
    at9({ 1997: { 9: [28], 10: [29], 11: [28], 12: [29] }, 1998: { 1: [29], 2: [26] } }),
  ],
  [
    'monthly on the 2nd and 15th for 10 occurrences',
    '1997-09-02',
    'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15',
    '1999',
    at9({ 1997: { 9: [2, 15], 10: [2, 15], 11: [2, 15], 12: [2, 15] }, 1998: { 1: [2, 15] } }),
  ],
  [
    'monthly on the first and last day of the month for 10 occurrences',
    '1997-09-30',
    'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1',
    '1999',
    at9({ 1997: { 9: [30], 10: [1, 31], 11: [1, 30], 12: [1, 31] }, 1998: { 1: [1, 31], 2: [1] } }),
  ],
  [
    'every 18 months on the 10th thru 15th for 10 occurrences',
    '1997-09-10',
    'FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15',
    '2001',
    at9({ 1997: { 9: range(10, 15) }, 1999: { 3: range(10, 13) } }),
  ],
  [
    'every Tuesday, every other month',
    '1997-09-02',
    'FREQ=MONTHLY;INTERVAL=2;BYDAY=TU',
    '1998-04-01',
    at9({
      1997: { 9: [2, 9, 16, 23, 30], 11: [4, 11, 18, 25] },
      1998: { 1: [6, 13, 20, 27], 3: [3, 10, 17, 24, 31] },
    }),
  ],
  [
    'yearly in June and July for 10 occurrences',
    '1997-06-10',
    'FREQ=YEARLY;COUNT=10;BYMONTH=6,7',
    '2010',
    at9({
      1997: { 6: [10], 7: [10] },
      1998: { 6: [10], 7: [10] },
      1999: { 6: [10], 7: [10] },
      2000: { 6: [10], 7: [10] },
      2001: { 6: [10], 7: [10] },
    }),
  ],
  [
    'every other year on January, February and March for 10 occurrences',
    '1997-03-10',
    'FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3',
    '2010',
    at9({ 1997: { 3: [10] }, 1999: JFM, 2001: JFM, 2003: JFM }),
  ],
  [
    'every third year on the 1st, 100th and 200th day for 10 occurrences',
    '1997-01-01',
    'FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200',
    '2010',
    at9({
      1997: { 1: [1], 4: [10], 7: [19] },
      2000: { 1: [1], 4: [9], 7: [18] },
      2003: { 1: [1], 4: [10], 7: [19] },
      2006: { 1: [1] },
    }),
  ],
  [
    'every 20th Monday of the year',
    '1997-05-19',
    'FREQ=YEARLY;BYDAY=20MO',
    '2000',
    at9({ 1997: { 5: [19] }, 1998: { 5: [18] }, 1999: { 5: [17] } }),
  ],
  [
    'Monday of week number 20',
    '1997-05-12',
    'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
    '2000',
    at9({ 1997: { 5: [12] }, 1998: { 5: [11] }, 1999: { 5: [17] } }),
  ],
  [
    'every Thursday in March',
    '1997-03-13',
    'FREQ=YEARLY;BYMONTH=3;BYDAY=TH',
    '2000',
    at9({ 1997: { 3: [13, 20, 27] }, 1998: { 3: [5, 12, 19, 26] }, 1999: { 3: [4, 11, 18, 25] } }),
  ],
  [
    'every Thursday, but only during June, July and August',
    '1997-06-05',
    'FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8',
    '1998',
    at9({ 1997: { 6: [5, 12, 19, 26], 7: [3, 10, 17, 24, 31], 8: [7, 14, 21, 28] } }),
  ],
  [
    'the first Saturday that follows the first Sunday of the month',
    '1997-09-13',
    'FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13',
    '1998-06-14',
    at9({
      1997: { 9: [13], 10: [11], 11: [8], 12: [13] },
      1998: { 1: [10], 2: [7], 3: [7], 4: [11], 5: [9], 6: [13] },
    }),
  ],
  [
    'every 4 years, the first Tuesday after a Monday in November',
    '1996-11-05',
    'FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8',
    '2005',
    at9({ 1996: { 11: [5] }, 2000: { 11: [7] }, 2004: { 11: [2] } }),
  ],
  [
    'the third instance of Tuesday, Wednesday or Thursday, for 3 months',
    '1997-09-04',
    'FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3',
    '1999',
    at9({ 1997: { 9: [4], 10: [7], 11: [6] } }),
  ],
  [
    'the second-to-last weekday of the month',
    '1997-09-29',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2',
    '1998-03-31',
    at9({ 1997: { 9: [29], 10: [30], 11: [27], 12: [30] }, 1998: { 1: [29], 2: [26], 3: [30] } }),
  ],
  // §3.3.10 only names this rule ("the last work day of the month"); these dates were checked by hand.
  [
    'the last work day of the month',
    '1997-09-01',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    '1998-04-01',
    at9({ 1997: { 9: [30], 10: [31], 11: [28], 12: [31] }, 1998: { 1: [30], 2: [27], 3: [31] } }),
  ],
  [
    'an invalid date (February 30) is ignored',
    '2007-01-15',
    'FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5',
    '2008',
    at9({ 2007: { 1: [15, 30], 2: [15], 3: [15, 30] } }),
  ],
];

describe('RFC 5545 §3.8.5.3 monthly and yearly examples (America/New_York)', () => {
  it.each(EXAMPLES)('%s', (_name, date, rrule, until, expected) => {
    expect(
      localStarts(rrule, `${date}T09:00:00`, until.length === 4 ? `${until}-01-01Z` : `${until}Z`),
    ).toEqual(expected);
  });
  it('every Friday the 13th (with the RFC’s EXDATE of DTSTART)', () => {
    const got = localStarts('FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', '1997-09-02T09:00:00', '2001-01-01Z', [
      '1997-09-02T09:00:00',
    ]);
    expect(got).toEqual(at9({ 1998: { 2: [13], 3: [13], 11: [13] }, 1999: { 8: [13] }, 2000: { 10: [13] } }));
  });
});
