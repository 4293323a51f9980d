import { negotiateLocale, translator, type Message, type Translator } from '@cellgraph/kernel/i18n';
import { useMemo, useSyncExternalStore } from 'react';

/*
 * The reader's language, locale and time zone for the whole app: one active Translator (the
 * kernel's, the server's catalogs' runtime), which components read with useT()/useTranslator()
 * and re-render when it changes, and plain functions (formatDate) read with activeTranslator().
 * Before sign-in it follows the browser; after it, the user's `profile` settings.
 */
export { defineMessages, type Message } from '@cellgraph/kernel/i18n';

const browserLocales = (): readonly string[] => (typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]));
const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

let active: Translator = translator(negotiateLocale(browserLocales()), browserTimeZone());
const listeners = new Set<() => void>();

/** Switches the app to `locale` (a BCP 47 tag; unsupported ones fall back) and `timeZone`. */
export function setReader(locale: string | null | undefined, timeZone?: string | null): void {
  const next = translator(negotiateLocale([locale, ...browserLocales()]), timeZone ?? browserTimeZone());
  if (next === active) return;
  active = next;
  if (typeof document !== 'undefined') document.documentElement.lang = active.locale;
  for (const listener of listeners) listener();
}

export function activeTranslator(): Translator {
  return active;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The active translator; the component re-renders when the reader's locale or time zone changes. */
export function useTranslator(): Translator {
  return useSyncExternalStore(subscribe, activeTranslator, activeTranslator);
}

/** `t(message, values)` in the reader's language; the function changes only when the reader does (fit for hook dependencies). */
export function useT(): (message: Message, values?: Readonly<Record<string, unknown>>) => string {
  const current = useTranslator();
  return useMemo(() => (message, values) => current.t(message, values), [current]);
}

/**
 * A text of the app's registries (a module's navigation, widget titles, commands, settings pages):
 * a catalog message, translated where it is shown, or a string shown as it is.
 */
export type Label = string | Message;

/** `label` in the active reader's language (a string is shown as it is). */
export function labelText(label: Label, reader: Translator = active): string {
  return typeof label === 'string' ? label : reader.t(label);
}
