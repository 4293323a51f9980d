import { requestTranslator, type EmailMessage, type Logger, type Mailer, type Translator } from '@cellgraph/kernel';
import { authMessages } from '../messages.js';

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

/** The password-reset e-mail, in `reader`'s language (the request's: who asked for it, from their browser). */
export function passwordResetEmail(user: { email: string; name: string }, link: string, reader: Translator = requestTranslator()): EmailMessage {
  const greeting = reader.t(authMessages.passwordResetGreeting, { name: user.name });
  return {
    to: user.email,
    subject: reader.t(authMessages.passwordResetSubject),
    text: reader.t(authMessages.passwordResetText, { name: user.name, link }),
    html: `<p>${escapeHtml(greeting)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(reader.t(authMessages.passwordResetLink))}</a> ${escapeHtml(reader.t(authMessages.passwordResetValidity))}</p><p>${escapeHtml(reader.t(authMessages.passwordResetIgnore))}</p>`,
  };
}
