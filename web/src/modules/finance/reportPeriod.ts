import { activeTranslator, type Message } from '../../app/i18n';
import { m } from './messages';

/*
 * The reports page's period: calendar dates (yyyy-mm-dd), presets counted from the reader's today,
 * and the calendar months it covers (the API's revenue months are calendar months).
 */

export interface Period {
  from: string;
  to: string;
}

export type PeriodPreset = 'this-year' | 'last-12-months' | 'this-quarter';

export const PERIOD_PRESETS: readonly { preset: PeriodPreset; label: Message }[] = [
  { preset: 'this-year', label: m.presetThisYear },
  { preset: 'last-12-months', label: m.presetLast12Months },
  { preset: 'this-quarter', label: m.presetThisQuarter },
];

/** The API's limit of one report's period, in days (ten years). */
const MAX_PERIOD_DAYS = 3660;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (value: number) => String(value).padStart(2, '0');
const isoDate = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
/** The last day of a month (1–12): day 0 of the next. */
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function parts(value: string): [number, number, number] | null {
  const match = DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= lastDay(year, month) ? [year, month, day] : null;
}

/**
 * The preset's period on `today`: this year (January 1 – December 31), the last 12 months (the
 * eleven before this one and this one, whole months), this quarter (its whole three months).
 */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  const [year, month] = parts(today) ?? [1970, 1, 1];
  if (preset === 'this-year') return { from: isoDate(year, 1, 1), to: isoDate(year, 12, 31) };
  if (preset === 'this-quarter') {
    const first = month - ((month - 1) % 3);
    return { from: isoDate(year, first, 1), to: isoDate(year, first + 2, lastDay(year, first + 2)) };
  }
  const start = new Date(Date.UTC(year, month - 1 - 11, 1));
  return { from: isoDate(start.getUTCFullYear(), start.getUTCMonth() + 1, 1), to: isoDate(year, month, lastDay(year, month)) };
}

/** Whether the period is the preset's on `today` (in December, this year is also the last 12 months). */
export function isPresetPeriod(period: Period, preset: PeriodPreset, today: string): boolean {
  const candidate = presetPeriod(preset, today);
  return candidate.from === period.from && candidate.to === period.to;
}

/** What is wrong with the period in words (the reader's), or null when the API will take it. */
export function periodProblem(period: Period, reader = activeTranslator()): string | null {
  const from = parts(period.from);
  const to = parts(period.to);
  if (!from || !to) return reader.t(m.periodIncomplete);
  const days = (Date.UTC(to[0], to[1] - 1, to[2]) - Date.UTC(from[0], from[1] - 1, from[2])) / 86_400_000;
  if (days < 0) return reader.t(m.periodReversed);
  if (days > MAX_PERIOD_DAYS) return reader.t(m.periodTooLong);
  return null;
}

/** The first day of every calendar month the period touches, in order ("2026-01-01", …). */
export function monthsOf(period: Period): string[] {
  const from = parts(period.from);
  const to = parts(period.to);
  if (!from || !to) return [];
  const count = (to[0] - from[0]) * 12 + (to[1] - from[1]) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, index) => {
    const offset = from[1] - 1 + index;
    return isoDate(from[0] + Math.floor(offset / 12), (offset % 12) + 1, 1);
  });
}

/** The earlier of two calendar dates. */
export const earlier = (a: string, b: string): string => (a <= b ? a : b);
