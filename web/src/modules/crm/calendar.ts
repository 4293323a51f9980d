/** Calendar days in a time zone (the reader's), which need not be the browser's. */

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time an instant shows in `timeZone`, as milliseconds read as if it were UTC. */
export function wallClock(instant: number, timeZone: string): number {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The instant a calendar day starts in `timeZone` (month 1–12; days out of range roll over, as in Date.UTC). */
export function startOfDay(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  // The zone's offset at the wall time read as UTC, then once more at that guess (a DST change between them).
  const guess = wall - (wallClock(wall, timeZone) - wall);
  return new Date(wall - (wallClock(guess, timeZone) - guess));
}

/** The calendar day `instant` falls on in `timeZone`, with its weekday (0 Sunday … 6 Saturday). */
export function calendarDay(instant: Date, timeZone: string): { year: number; month: number; day: number; weekday: number } {
  const wall = new Date(wallClock(instant.getTime(), timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), weekday: wall.getUTCDay() };
}
