import { afterEach, describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDate, formatDateTime, formatMoney, formatNumber } from './format';
import { setReader } from './i18n';

afterEach(() => setReader('en-US', 'UTC'));

describe('the shared formatters follow the reader', () => {
  it('writes dates in the reader’s time zone and locale', () => {
    const lateEvening = '2026-12-04T23:30:00Z';
    setReader('en-US', 'UTC');
    expect(formatDate(lateEvening)).toBe('Dec 4, 2026');
    setReader('en-US', 'Europe/Berlin');
    expect(formatDate(lateEvening)).toBe('Dec 5, 2026');
    expect(formatDateTime(lateEvening)).toBe('Dec 5, 2026, 12:30 AM');
    setReader('de-DE', 'Europe/Berlin');
    expect(formatDate(lateEvening)).toBe('05.12.2026');
    expect(formatDateTime(lateEvening)).toBe('05.12.2026, 00:30');
    expect(formatDate('not a date')).toBe('');
    expect(formatDate(null)).toBe('');
  });

  it('writes calendar dates without a time zone shift', () => {
    setReader('en-US', 'Pacific/Honolulu');
    expect(formatCalendarDate('2026-11-22')).toBe('Nov 22, 2026');
    setReader('de-DE', 'Pacific/Kiritimati');
    expect(formatCalendarDate('2026-11-22')).toBe('22.11.2026');
    expect(formatCalendarDate('someday')).toBe('someday');
  });

  it('writes numbers and money per locale, exactly', () => {
    setReader('en-US', 'UTC');
    expect(formatNumber(1234.5)).toBe('1,234.5');
    expect(formatMoney('1234.5', 'USD')).toBe('$1,234.50');
    expect(formatMoney('12345678901234567.891', 'EUR')).toBe('€12,345,678,901,234,567.891');
    expect(formatMoney('10', 'XXXX')).toBe('10 XXXX');
    setReader('de-DE', 'Europe/Berlin');
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatMoney('1234.5', 'EUR')).toBe('1.234,50\u00a0€');
  });
});
