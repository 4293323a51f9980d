import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LANGUAGE, DEFAULT_LOCALE, canonicalLocale, languageOf, type Language } from './locales.js';
import type { LocalizedText, Message } from './messages.js';

export type DateStyle = 'date' | 'dateTime' | 'time';

const DATE_STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  time: { timeStyle: 'short' },
};

function validTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/**
 * Texts and values for one reader: messages in the catalog language of `locale`, dates in their
 * time zone, numbers and money per locale (`de-AT` reads German, with Austrian formats). ICU
 * `{d, date, medium}` and `{t, time, short}` arguments are formatted in the reader's time zone too.
 */
export class Translator {
  readonly locale: string;
  readonly language: Language;
  readonly timeZone: string;
  private readonly compiled = new Map<string, IntlMessageFormat>();
  private readonly dateFormats = new Map<DateStyle, Intl.DateTimeFormat>();
  private readonly moneyFormats = new Map<string, Intl.NumberFormat>();
  private numberFormat: Intl.NumberFormat | undefined;

  constructor(locale: string | null | undefined, timeZone?: string | null) {
    const canonical = canonicalLocale(locale);
    const language = canonical ? languageOf(canonical) : null;
    this.locale = language ? canonical! : DEFAULT_LOCALE;
    this.language = language ?? DEFAULT_LANGUAGE;
    this.timeZone = validTimeZone(timeZone);
  }

  /** `message` in the reader's language with `values` (a broken translation falls back to English). */
  t(message: Message, values?: Readonly<Record<string, unknown>>): string {
    try {
      return this.format(this.language, message, values);
    } catch (error) {
      if (this.language === DEFAULT_LANGUAGE) throw error;
      return this.format(DEFAULT_LANGUAGE, message, values);
    }
  }

  /** A LocalizedText (a message and its values) in the reader's language. */
  text(text: LocalizedText): string {
    return this.t(text.message, text.values);
  }

  date(value: Date | string | number, style: DateStyle = 'date'): string {
    let format = this.dateFormats.get(style);
    if (!format) {
      format = new Intl.DateTimeFormat(this.locale, { ...DATE_STYLES[style], timeZone: this.timeZone });
      this.dateFormats.set(style, format);
    }
    return format.format(new Date(value));
  }

  number(value: number | bigint): string {
    this.numberFormat ??= new Intl.NumberFormat(this.locale);
    return this.numberFormat.format(value);
  }

  /** An amount given as a decimal string ("1234.50", as Money carries it) in `currency`. */
  money(amount: string | number, currency: string): string {
    let format = this.moneyFormats.get(currency);
    if (!format) {
      format = new Intl.NumberFormat(this.locale, { style: 'currency', currency });
      this.moneyFormats.set(currency, format);
    }
    // A decimal string is formatted exactly (Intl takes strings as decimals, no float rounding).
    return format.format(amount as unknown as number);
  }

  private format(language: Language, message: Message, values?: Readonly<Record<string, unknown>>): string {
    const key = `${language}:${message.id}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      // ICU's date and time styles, in the reader's time zone (merged into intl-messageformat's defaults).
      const zoned = { timeZone: this.timeZone };
      compiled = new IntlMessageFormat(message.translations[language], this.locale, {
        date: { short: zoned, medium: zoned, long: zoned, full: zoned },
        time: { short: zoned, medium: zoned, long: zoned, full: zoned },
      });
      this.compiled.set(key, compiled);
    }
    return String(compiled.format(values as Record<string, string>));
  }
}

const translators = new Map<string, Translator>();

/** The (shared, cached) translator for a locale and time zone. */
export function translator(locale?: string | null, timeZone?: string | null): Translator {
  const key = `${locale ?? ''}|${timeZone ?? ''}`;
  let found = translators.get(key);
  if (!found) {
    found = new Translator(locale, timeZone);
    if (translators.size > 1_000) translators.clear();
    translators.set(key, found);
  }
  return found;
}
