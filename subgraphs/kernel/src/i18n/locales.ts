/** The languages every catalog is complete in. Adding one is a compile error at every message until translated. */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';
/** The locale texts are formatted in when nobody chose one. */
export const DEFAULT_LOCALE = 'en-US';

const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/** A canonical BCP 47 tag (`de-at` → `de-AT`), or null for anything that is not one. */
export function canonicalLocale(tag: string | null | undefined): string | null {
  if (!tag || tag.length > 35) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** The catalog language of a locale (`de-AT` → `de`), or null when no catalog speaks it. */
export function languageOf(locale: string): Language | null {
  const language = locale.split('-')[0]!.toLowerCase();
  return isLanguage(language) ? language : null;
}

/**
 * The tags of an Accept-Language header, most preferred first (`de-CH, fr;q=0.8, *;q=0.1` →
 * `de-CH`, `fr`); unparseable entries and `*` are dropped.
 */
export function acceptedLocales(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .slice(0, 500)
    .split(',')
    .map((entry, index) => {
      const [tag = '', ...parameters] = entry.trim().split(';');
      const quality = parameters.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: canonicalLocale(tag.trim()), quality: quality === undefined ? 1 : Number(quality), index };
    })
    .filter((entry): entry is { tag: string; quality: number; index: number } => entry.tag !== null && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.tag);
}

/**
 * The first candidate a catalog speaks, as a canonical locale (it keeps its region, for
 * formatting), or DEFAULT_LOCALE. Candidates are BCP 47 tags, most preferred first.
 */
export function negotiateLocale(candidates: readonly (string | null | undefined)[]): string {
  for (const candidate of candidates) {
    const locale = canonicalLocale(candidate);
    if (locale && languageOf(locale)) return locale;
  }
  return DEFAULT_LOCALE;
}
