import type { EmailMessage, Translator } from '@cellgraph/kernel';
import { calendarDate } from './customer-language.js';
import { invoiceEmailTexts as texts } from './messages.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The e-mail that carries an invoice's public link — the only place its token ever appears — in
 * the customer's reader's language (the organization's default), the amount and date in its formats.
 */
export function invoiceEmail(
  to: string,
  invoice: { number: string; total: string; currency: string; dueDate: string },
  from: { organizationName: string; message: string | null },
  link: string,
  reader: Translator,
): EmailMessage {
  const organization = from.organizationName;
  const subject = reader.t(texts.subject, { number: invoice.number, organization });
  const intro = reader.t(texts.intro, {
    organization,
    number: invoice.number,
    amount: reader.money(invoice.total, invoice.currency),
    dueDate: calendarDate(reader, invoice.dueDate),
  });
  const greeting = reader.t(texts.greeting);
  const action = reader.t(texts.action);
  return {
    to,
    subject,
    text: `${greeting}\n\n${intro}\n\n${action}:\n${link}${from.message ? `\n\n${from.message}` : ''}\n`,
    html:
      `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(action)}</a>.</p>` +
      (from.message ? `<p>${escapeHtml(from.message)}</p>` : ''),
  };
}
