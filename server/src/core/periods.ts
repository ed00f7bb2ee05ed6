// Periods as the format writes them (`2026`, `2026-H1`, `2026-Q3`, `2026-07`, `2026-W27`,
// `2026-07-14`), read as the span of days they cover, so periods of different forms compare:
// a period is later than another when it ends later: `2026` is later than `2026-Q3` (it
// covers the rest of the year), `2026-07` is not later than `2026-Q3`, nor `2026-Q4` than
// `2026` (the year's figures cover its last quarter already). Trends order periods by their
// end, and of two that end on the same day the longer first.

export interface PeriodSpan {
  /** First day covered, in days since 1970-01-01 (UTC). */
  start: number;
  /** The day after the last day covered. */
  end: number;
}

const DAY_MS = 86_400_000;
const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY_MS;

/** The days a period covers, or null when it is in none of the format's forms. */
export function periodSpan(period: string): PeriodSpan | null {
  const p = period.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(p))) {
    const y = Number(m[1]);
    return { start: day(y, 1, 1), end: day(y + 1, 1, 1) };
  }
  if ((m = /^(\d{4})-H([12])$/.exec(p))) {
    const y = Number(m[1]);
    const h = Number(m[2]);
    return { start: day(y, 6 * h - 5, 1), end: day(y, 6 * h + 1, 1) };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(p))) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return { start: day(y, 3 * q - 2, 1), end: day(y, 3 * q + 1, 1) };
  }
  if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(p))) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { start: day(y, mo, 1), end: day(y, mo + 1, 1) };
  }
  if ((m = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/.exec(p))) {
    // ISO 8601: week 1 holds 4 January; weeks start on Monday.
    const y = Number(m[1]);
    const jan4 = day(y, 1, 4);
    const weekday = (new Date(jan4 * DAY_MS).getUTCDay() + 6) % 7; // Monday 0
    const start = jan4 - weekday + (Number(m[2]) - 1) * 7;
    // Week 53 exists only in long years: its Monday must still fall before next year's week 1.
    const nextJan4 = day(y + 1, 1, 4);
    const nextWeek1 = nextJan4 - ((new Date(nextJan4 * DAY_MS).getUTCDay() + 6) % 7);
    if (start >= nextWeek1) return null;
    return { start, end: start + 7 };
  }
  if ((m = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.exec(p))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const start = day(y, mo, d);
    // 2026-02-30 is no day.
    if (new Date(start * DAY_MS).getUTCMonth() !== mo - 1) return null;
    return { start, end: start + 1 };
  }
  return null;
}

/** True when `a` ends after `b` does. */
export function endsLater(a: PeriodSpan, b: PeriodSpan): boolean {
  return a.end > b.end;
}

/** The order of a trend: by end, then the longer first; 0 for the same span. */
export function comparePeriods(a: PeriodSpan, b: PeriodSpan): number {
  return a.end - b.end || a.start - b.start;
}
