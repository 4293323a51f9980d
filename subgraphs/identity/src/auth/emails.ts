import type { EmailMessage } from '@cellgraph/kernel';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function passwordResetEmail(user: { email: string; name: string }, link: string): EmailMessage {
  return {
    to: user.email,
    subject: 'Reset your Cellgraph password',
    text: `Hello ${user.name},\n\nReset your password with this link (valid for one hour, once):\n${link}\n\nIf you did not ask for this, ignore this message: your password stays as it is.\n`,
    html: `<p>Hello ${escapeHtml(user.name)},</p><p><a href="${escapeHtml(link)}">Reset your password</a> (valid for one hour, once).</p><p>If you did not ask for this, ignore this message: your password stays as it is.</p>`,
  };
}
