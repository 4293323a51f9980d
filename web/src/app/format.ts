import { activeTranslator } from './i18n';

/*
 * Formatting shared by every module, in the reader's locale and time zone (the active
 * translator's: the browser's before sign-in, the user's profile settings after it). Each call
 * reads the translator anew, so nothing here is fixed to the locale the module was loaded in.
 * A component re-renders on a change of reader when it (or a parent) calls useT() or
 * useTranslator(); one that shows only formatted values calls useTranslator() itself.
 */

function validDate(iso: string | null | undefined): Date | null {
  const date = iso ? new Date(iso) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** A date-time of the API as a date in the reader's time zone ("Dec 4, 2026"); '' when there is none or it is not a date. */
export function formatDate(iso: string | null | undefined): string {
  const date = validDate(iso);
  return date ? activeTranslator().date(date, 'date') : '';
}

/** A date-time of the API with its time, in the reader's time zone ("Dec 4, 2026, 6:42 PM"); '' when there is none. */
export function formatDateTime(iso: string | null | undefined): string {
  const date = validDate(iso);
  return date ? activeTranslator().date(date, 'dateTime') : '';
}

/** A date-time of the API as a time of day in the reader's time zone ("6:42 PM"); '' when there is none. */
export function formatTime(iso: string | null | undefined): string {
  const date = validDate(iso);
  return date ? activeTranslator().date(date, 'time') : '';
}

const calendarFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar date ("2026-11-22", a due date or an invoice date: a day, not an instant) as the
 * reader writes it ("Nov 22, 2026", "22.11.2026"), without any time zone shift; the value itself
 * when it is not such a date, '' when there is none.
 */
export function formatCalendarDate(value: string | null | undefined): string {
  if (!value) return '';
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return value;
  const { locale } = activeTranslator();
  let format = calendarFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    calendarFormats.set(locale, format);
  }
  return format.format(new Date(Date.UTC(year, month - 1, day)));
}

/** A number in the reader's locale ("1,234.5", "1.234,5"). */
export function formatNumber(n: number | bigint): string {
  return activeTranslator().number(n);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Digits after the point of a currency (2 for EUR, 0 for JPY, 3 for KWD); 2 when unknown. */
function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * An amount given as a decimal string ("1234.50", as Money carries it) in `currency` (ISO 4217),
 * in the reader's locale ("$1,234.50", "1.234,50 $"), exactly: Intl formats the decimal string
 * itself (no float), with at least the currency's minor digits and every digit the amount has.
 * An unknown currency code reads "1234.50 XYZ".
 */
export function formatMoney(decimalString: string, currency: string): string {
  const { locale } = activeTranslator();
  const fraction = decimalString.split('.')[1]?.length ?? 0;
  try {
    const digits = Math.max(fraction, minorDigits(currency));
    const key = `${locale}|${currency}|${digits}`;
    let format = moneyFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
      moneyFormats.set(key, format);
    }
    // Intl.NumberFormat formats decimal strings exactly (ES2023); its types still say number.
    return format.format(decimalString as unknown as number);
  } catch {
    return `${decimalString} ${currency}`;
  }
}

/** A person's initials for an avatar: first and last name ("Ada King Lovelace" → "AL"). */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]!, parts[parts.length - 1]!] : parts;
  return letters.map((part) => part[0]!.toUpperCase()).join('') || '?';
}

/** A random key that makes a create safe to retry (the API's idempotencyKey). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
