import type { EmailMessage, Logger, Mailer } from '@cellgraph/kernel';

/**
 * The mailer as identity's mutations use it, after their commit: the e-mail is handed to the
 * queue without holding the mutation's answer. While Redis is unavailable the mailer's connection
 * keeps it and enqueues it when Redis returns (the answer went out already); it is lost only if
 * this process stops first. A failure to enqueue is logged.
 */
export function handOffMailer(mailer: Pick<Mailer, 'send'>, logger: Logger): Pick<Mailer, 'send'> {
  return {
    async send(message, jobId) {
      mailer.send(message, jobId).catch((error: unknown) => logger.error({ err: error, jobId }, 'cannot queue an e-mail'));
    },
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function passwordResetEmail(user: { email: string; name: string }, link: string): EmailMessage {
  return {
    to: user.email,
    subject: 'Reset your Cellgraph password',
    text: `Hello ${user.name},\n\nReset your password with this link (valid for one hour, once):\n${link}\n\nIf you did not ask for this, ignore this message: your password stays as it is.\n`,
    html: `<p>Hello ${escapeHtml(user.name)},</p><p><a href="${escapeHtml(link)}">Reset your password</a> (valid for one hour, once).</p><p>If you did not ask for this, ignore this message: your password stays as it is.</p>`,
  };
}
