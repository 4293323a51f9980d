import { activeTranslator } from '../../app/i18n';
import { m } from './messages';

/** "just now", "5 min ago", "3 h ago", then the date ("Dec 4"), in the reader's language and time zone. */
export function timeAgo(value: string, now = Date.now()): string {
  const then = new Date(value).getTime();
  if (Number.isNaN(then)) return value;
  const reader = activeTranslator();
  const minutes = Math.round((now - then) / 60_000);
  if (minutes < 1) return reader.t(m.justNow);
  if (minutes < 60) return reader.t(m.minutesAgo, { minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 24) return reader.t(m.hoursAgo, { hours });
  return new Date(value).toLocaleDateString(reader.locale, { month: 'short', day: 'numeric', timeZone: reader.timeZone });
}
