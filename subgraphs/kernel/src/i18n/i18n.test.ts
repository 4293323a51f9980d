import { describe, expect, it } from 'vitest';
import { acceptedLocales, defineMessages, negotiateLocale, translator } from './index.js';

const probe = defineMessages('kernel.i18nProbe', {
  tasksDue: {
    en: '{count, plural, =0 {No tasks} one {# task} other {# tasks}} due on {due, date, medium}',
    de: '{count, plural, =0 {Keine Aufgaben} one {# Aufgabe} other {# Aufgaben}} fällig am {due, date, medium}',
  },
  broken: { en: 'Hello {name}', de: 'Hallo {name' },
});

describe('i18n', () => {
  it('picks the first locale a catalog speaks, keeping its region for formats', () => {
    expect(acceptedLocales('fr;q=0.9, de-ch, *;q=0.1, en;q=0.8')).toEqual(['de-CH', 'fr', 'en']);
    expect(negotiateLocale(acceptedLocales('fr;q=0.9, de-ch, en;q=0.8'))).toBe('de-CH');
    expect(negotiateLocale(['fr', 'xx-!!', null, 'en-GB'])).toBe('en-GB');
    expect(negotiateLocale(['fr'])).toBe('en-US');
  });

  it('formats plurals and dates per language and in the reader’s time zone', () => {
    const due = new Date('2026-03-01T23:30:00Z');
    expect(translator('en-US', 'UTC').t(probe.tasksDue, { count: 1, due })).toBe('1 task due on Mar 1, 2026');
    expect(translator('de-DE', 'Europe/Berlin').t(probe.tasksDue, { count: 3, due })).toBe('3 Aufgaben fällig am 2. März 2026');
    expect(translator('de', 'UTC').t(probe.tasksDue, { count: 0, due })).toBe('Keine Aufgaben fällig am 1. März 2026');
  });

  it('formats money exactly and numbers per locale', () => {
    expect(translator('de-DE').money('1234567.89', 'EUR')).toBe('1.234.567,89\u00a0€');
    expect(translator('en-US').money('0.10', 'USD')).toBe('$0.10');
    expect(translator('en-US').money('12345678901234567.25', 'USD')).toBe('$12,345,678,901,234,567.25');
    expect(translator('de-CH').number(1234.5)).toBe("1'234.5");
  });

  it('falls back to English for a broken translation, and to en-US for an unknown locale', () => {
    expect(translator('de').t(probe.broken, { name: 'Ada' })).toBe('Hello Ada');
    const unknown = translator('ja-JP');
    expect([unknown.locale, unknown.language]).toEqual(['en-US', 'en']);
  });
});
