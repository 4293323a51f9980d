import { describe, expect, it } from 'vitest';
import { duePeriods, periodDate, RecurrenceFrequency } from './recurrence-dates.js';

const { WEEKLY, MONTHLY, QUARTERLY, ANNUALLY } = RecurrenceFrequency;
const periods = (anchor: string, frequency: RecurrenceFrequency, count: number) =>
  Array.from({ length: count }, (_, index) => periodDate(anchor, frequency, index));

describe('recurrence periods', () => {
  it('keep a month-end anchor day: Jan 31 monthly → Feb 28/29 → Mar 31 → Apr 30', () => {
    expect(periods('2026-01-31', MONTHLY, 5)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
    expect(periods('2028-01-31', MONTHLY, 3)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
    expect(periods('2026-01-30', MONTHLY, 3)).toEqual(['2026-01-30', '2026-02-28', '2026-03-30']);
  });

  it('cross years, by quarter and by year (Feb 29 → Feb 28, back to Feb 29 in a leap year)', () => {
    expect(periods('2026-11-30', QUARTERLY, 4)).toEqual(['2026-11-30', '2027-02-28', '2027-05-30', '2027-08-30']);
    expect(periods('2026-12-15', MONTHLY, 2)).toEqual(['2026-12-15', '2027-01-15']);
    expect(periods('2028-02-29', ANNUALLY, 5)).toEqual(['2028-02-29', '2029-02-28', '2030-02-28', '2031-02-28', '2032-02-29']);
  });

  it('step seven days weekly, across months and years', () => {
    expect(periods('2026-12-24', WEEKLY, 3)).toEqual(['2026-12-24', '2026-12-31', '2027-01-07']);
  });

  it('are due up to today, never past the end date, at most `limit` at once', () => {
    expect(duePeriods('2026-01-31', MONTHLY, 0, '2026-04-29', null, 100)).toEqual([
      { index: 0, date: '2026-01-31' },
      { index: 1, date: '2026-02-28' },
      { index: 2, date: '2026-03-31' },
    ]);
    expect(duePeriods('2026-01-31', MONTHLY, 1, '2026-12-31', '2026-03-31', 100).map((period) => period.date)).toEqual(['2026-02-28', '2026-03-31']);
    expect(duePeriods('2026-01-01', WEEKLY, 0, '2026-12-31', null, 2)).toHaveLength(2);
    expect(duePeriods('2026-05-01', MONTHLY, 0, '2026-04-30', null, 100)).toEqual([]);
  });
});
