import type { EmailMessage } from '@cellgraph/kernel';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The e-mail that carries a review link — the only place the token ever appears. */
export function reviewEmail(
  review: { email: string; name: string | null; message: string | null; expiresAt: Date },
  title: string,
  link: string,
): EmailMessage {
  const greeting = review.name ? `Hello ${review.name},` : 'Hello,';
  const until = review.expiresAt.toISOString().slice(0, 10);
  const message = review.message ? `\n\n${review.message}` : '';
  return {
    to: review.email,
    subject: `Please review “${title}”`,
    text: `${greeting}\n\nYou are asked to review “${title}”. Read it and suggest changes, without an account, until ${until}:\n${link}${message}\n`,
    html:
      `<p>${escapeHtml(greeting)}</p><p>You are asked to review “${escapeHtml(title)}”. ` +
      `<a href="${escapeHtml(link)}">Read it and suggest changes</a>, without an account, until ${until}.</p>` +
      (review.message ? `<p>${escapeHtml(review.message)}</p>` : ''),
  };
}
