import type { EmailMessage, Translator } from '@cellgraph/kernel';
import { reviewEmailTexts as texts } from './messages.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The e-mail that carries a review link — the only place the token ever appears — in the
 * reviewer's language (the organization's default), the link's expiry in its time zone.
 */
export function reviewEmail(
  review: { email: string; name: string | null; message: string | null; expiresAt: Date },
  title: string,
  link: string,
  reader: Translator,
): EmailMessage {
  const greeting = reader.t(texts.greeting, { name: review.name ?? '', hasName: review.name ? 'yes' : 'no' });
  const until = reader.date(review.expiresAt);
  const message = review.message ? `\n\n${review.message}` : '';
  return {
    to: review.email,
    subject: reader.t(texts.subject, { title }),
    text: `${greeting}\n\n${reader.t(texts.askText, { title, until })}\n${link}${message}\n`,
    html:
      `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(reader.t(texts.askBeforeLink, { title }))} ` +
      `<a href="${escapeHtml(link)}">${escapeHtml(reader.t(texts.link))}</a>${escapeHtml(reader.t(texts.afterLink, { until }))}</p>` +
      (review.message ? `<p>${escapeHtml(review.message)}</p>` : ''),
  };
}
