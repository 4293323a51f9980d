import { formatAmount, type EmailMessage } from '@cellgraph/kernel';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The e-mail that carries an invoice's public link — the only place its token ever appears. */
export function invoiceEmail(
  to: string,
  invoice: { number: string; total: string; currency: string; dueDate: string },
  from: { organizationName: string; message: string | null },
  link: string,
): EmailMessage {
  const amount = `${formatAmount(invoice.total, invoice.currency)} ${invoice.currency}`;
  const subject = `Invoice ${invoice.number} from ${from.organizationName}`;
  const intro = `${from.organizationName} sent you invoice ${invoice.number} for ${amount}, due ${invoice.dueDate}.`;
  const action = 'View it, download the PDF and pay online';
  return {
    to,
    subject,
    text: `Hello,\n\n${intro}\n\n${action}:\n${link}${from.message ? `\n\n${from.message}` : ''}\n`,
    html:
      `<p>Hello,</p><p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(link)}">${action}</a>.</p>` +
      (from.message ? `<p>${escapeHtml(from.message)}</p>` : ''),
  };
}
