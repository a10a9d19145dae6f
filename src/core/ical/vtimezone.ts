/**
 * A VTIMEZONE for an IANA zone, built from the runtime's time-zone data (through Luxon), so that
 * every client shows local times as we compute them. Transitions in the years asked for are
 * grouped into yearly rules (e.g. "last Sunday of March at 02:00"); a rule still in force in the
 * last year is left open-ended, so clients carry it on; one-off changes get an observance each.
 */
import { IANAZone } from 'luxon';

export interface Transition {
  /** The instant (epoch ms) the new offset starts. */
  readonly at: number;
  /** UTC offsets in minutes before and after. */
  readonly from: number;
  readonly to: number;
}

const DAY_MS = 86_400_000;

function zoneOf(tzid: string): IANAZone {
  const zone = IANAZone.create(tzid);
  if (!zone.isValid) throw new RangeError(`unknown IANA time zone: ${tzid}`);
  return zone;
}

// Scanning a zone costs a platform call per day; tz data does not change while we run, so the
// answers are remembered (bounded: there are a few hundred zones and few year ranges in use).
const memo = new Map<string, readonly Transition[] | readonly string[]>();
const MAX_MEMO = 2000;

function remembered<T extends readonly unknown[]>(key: string, compute: () => T): T {
  const known = memo.get(key);
  if (known) return known as unknown as T;
  const value = compute();
  if (memo.size >= MAX_MEMO) memo.clear();
  memo.set(key, value as unknown as readonly string[]);
  return value;
}

/** The offset changes in [start of fromYear, start of untilYear + 1), UTC years, ascending. */
export function zoneTransitions(tzid: string, fromYear: number, untilYear: number): readonly Transition[] {
  return remembered(`t|${tzid}|${fromYear}|${untilYear}`, () =>
    transitionsBetween(zoneOf(tzid), Date.UTC(fromYear, 0, 1), Date.UTC(untilYear + 1, 0, 1)),
  );
}

function transitionsBetween(zone: IANAZone, startMs: number, end: number): Transition[] {
  const offset = (ms: number) => zone.offset(ms);
  const found: Transition[] = [];
  let at = startMs;
  let current = offset(at);
  // Daily samples: tz data never changes a zone's offset twice within a day.
  while (at < end) {
    const next = Math.min(at + DAY_MS, end);
    const there = offset(next - 1000);
    if (there !== current) {
      let lo = at / 1000;
      let hi = (next - 1000) / 1000;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offset(mid * 1000) === current) lo = mid;
        else hi = mid;
      }
      found.push({ at: hi * 1000, from: current, to: there });
      current = there;
    }
    at = next;
  }
  return found;
}

interface Onset {
  readonly transition: Transition;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  readonly time: string;
  /** Ways to say which day of the month it is: "-1SU", "2SU", "md:21". */
  readonly forms: readonly string[];
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The local wall time (in the old offset) at which a transition happens, and how to name its day. */
function onsetOf(transition: Transition): Onset {
  const local = new Date(transition.at + transition.from * 60_000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  const weekday = local.getUTCDay();
  const monthLength = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const code = WEEKDAYS[weekday]!;
  const forms: string[] = [];
  if (day + 7 > monthLength) forms.push(`-1${code}`);
  if (day <= 28) forms.push(`${Math.ceil(day / 7)}${code}`);
  forms.push(`md:${day}`);
  const time = `${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}${pad(local.getUTCSeconds())}`;
  return { transition, year, month, day, weekday, time, forms };
}

interface Group {
  readonly key: string;
  forms: string[];
  readonly members: Onset[];
}

function groupOnsets(onsets: readonly Onset[]): Group[] {
  const groups: Group[] = [];
  for (const onset of onsets) {
    const { from, to } = onset.transition;
    const key = `${from}|${to}|${onset.month}|${onset.time}`;
    const group = groups.find((candidate) => {
      const last = candidate.members[candidate.members.length - 1]!;
      return (
        candidate.key === key &&
        last.year === onset.year - 1 &&
        candidate.forms.some((form) => onset.forms.includes(form))
      );
    });
    if (group) {
      group.forms = group.forms.filter((form) => onset.forms.includes(form));
      group.members.push(onset);
    } else groups.push({ key, forms: [...onset.forms], members: [onset] });
  }
  return groups;
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const whole = Math.floor(abs);
  const seconds = Math.round((abs - whole) * 60);
  return `${sign}${pad(Math.floor(whole / 60))}${pad(whole % 60)}${seconds ? pad(seconds) : ''}`;
}

const utcText = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
};

function ruleOf(group: Group, openEnded: boolean): string {
  const first = group.members[0]!;
  const last = group.members[group.members.length - 1]!;
  const form = group.forms[0]!;
  const day = form.startsWith('md:') ? `BYMONTHDAY=${form.slice(3)}` : `BYDAY=${form}`;
  const until = openEnded ? '' : `;UNTIL=${utcText(last.transition.at)}`;
  return `RRULE:FREQ=YEARLY;BYMONTH=${first.month};${day}${until}`;
}

function observance(kind: string, dtstart: string, from: number, to: number, rrule?: string): string[] {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${dtstart}`,
    ...(rrule ? [rrule] : []),
    `TZOFFSETFROM:${formatOffset(from)}`,
    `TZOFFSETTO:${formatOffset(to)}`,
    `END:${kind}`,
  ];
}

/**
 * The lines of a VTIMEZONE for `tzid` covering [fromYear, untilYear]. Daylight observances are
 * those whose offset is above the smallest offset of their year.
 */
export function vtimezoneLines(tzid: string, fromYear: number, untilYear: number): string[] {
  return [
    ...remembered(`v|${tzid}|${fromYear}|${untilYear}`, () => buildVtimezone(tzid, fromYear, untilYear)),
  ];
}

function buildVtimezone(tzid: string, fromYear: number, untilYear: number): string[] {
  const zone = zoneOf(tzid);
  // Two days early, so that local times of the first day (behind UTC in the west) are covered.
  const start = Date.UTC(fromYear, 0, 1) - 2 * DAY_MS;
  const initial = zone.offset(start);
  const transitions = transitionsBetween(zone, start, Date.UTC(untilYear + 1, 0, 1));
  const lowest = new Map<number, number>();
  for (const t of [{ at: start, from: initial, to: initial }, ...transitions]) {
    const year = new Date(t.at).getUTCFullYear();
    lowest.set(year, Math.min(lowest.get(year) ?? Number.POSITIVE_INFINITY, t.from, t.to));
  }
  const kindOf = (at: number, to: number) =>
    to > (lowest.get(new Date(at).getUTCFullYear()) ?? to) ? 'DAYLIGHT' : 'STANDARD';
  const lines = [`BEGIN:VTIMEZONE`, `TZID:${tzid}`];
  lines.push(...observance(kindOf(start, initial), `${fromYear - 1}1230T000000`, initial, initial));
  for (const group of groupOnsets(transitions.map(onsetOf))) {
    const first = group.members[0]!;
    const { from, to, at } = first.transition;
    const dtstart = `${pad(first.year, 4)}${pad(first.month)}${pad(first.day)}T${first.time}`;
    const last = group.members[group.members.length - 1]!;
    const rrule = group.members.length > 1 ? ruleOf(group, last.year >= untilYear) : undefined;
    lines.push(...observance(kindOf(at, to), dtstart, from, to, rrule));
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
