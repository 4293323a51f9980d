/*
 * Period dates of a recurring invoice, as plain ISO dates (YYYY-MM-DD, no time zone). Every period
 * is counted from the rule's anchor date, never from the previous period, so a month-end anchor
 * keeps its day: Jan 31 monthly → Feb 28 (Feb 29 in a leap year) → Mar 31 → Apr 30.
 */

export enum RecurrenceFrequency {
  WEEKLY = 'weekly',
  MONTHLY = 'monthly',
  QUARTERLY = 'quarterly',
  ANNUALLY = 'annually',
}

const MONTHS: Record<Exclude<RecurrenceFrequency, RecurrenceFrequency.WEEKLY>, number> = {
  [RecurrenceFrequency.MONTHLY]: 1,
  [RecurrenceFrequency.QUARTERLY]: 3,
  [RecurrenceFrequency.ANNUALLY]: 12,
};

const iso = (year: number, month: number, day: number) => new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);

/** The `index`-th period date (0: the anchor itself) of a rule anchored at `anchor`. */
export function periodDate(anchor: string, frequency: RecurrenceFrequency, index: number): string {
  const [year, month, day] = anchor.split('-').map(Number) as [number, number, number];
  if (frequency === RecurrenceFrequency.WEEKLY) return iso(year, month - 1, day + 7 * index);
  const target = month - 1 + MONTHS[frequency] * index;
  // Day 0 of the next month is the last day of the target month: clamp the anchor's day to it.
  const lastDay = new Date(Date.UTC(year, target + 1, 0)).getUTCDate();
  return iso(year, target, Math.min(day, lastDay));
}

/** The period dates from `index` on that are due by `today` and not after `endDate`, at most `limit` of them. */
export function duePeriods(
  anchor: string,
  frequency: RecurrenceFrequency,
  index: number,
  today: string,
  endDate: string | null,
  limit: number,
): { index: number; date: string }[] {
  const due: { index: number; date: string }[] = [];
  for (let next = index; due.length < limit; next++) {
    const date = periodDate(anchor, frequency, next);
    if (date > today || (endDate !== null && date > endDate)) break;
    due.push({ index: next, date });
  }
  return due;
}
