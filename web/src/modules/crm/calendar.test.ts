import { describe, expect, it } from 'vitest';
import { calendarDay, startOfDay } from './calendar';

describe('calendar days in a time zone', () => {
  it('finds when a day starts in a zone other than the browser’s, across daylight saving changes', () => {
    expect(startOfDay(2026, 1, 15, 'America/New_York').toISOString()).toBe('2026-01-15T05:00:00.000Z');
    expect(startOfDay(2026, 7, 15, 'America/New_York').toISOString()).toBe('2026-07-15T04:00:00.000Z');
    // The day Berlin moves its clocks forward (02:00 → 03:00) still starts at local midnight.
    expect(startOfDay(2026, 3, 29, 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDay(2026, 3, 30, 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // Days out of range roll over, as Date.UTC does.
    expect(startOfDay(2026, 1, 32, 'UTC').toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });

  it('tells the day and weekday an instant falls on in a zone', () => {
    const instant = new Date('2026-12-07T02:30:00Z');
    expect(calendarDay(instant, 'Europe/Berlin')).toEqual({ year: 2026, month: 12, day: 7, weekday: 1 });
    expect(calendarDay(instant, 'America/Los_Angeles')).toEqual({ year: 2026, month: 12, day: 6, weekday: 0 });
  });
});
