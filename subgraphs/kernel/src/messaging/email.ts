import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { z } from 'zod';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface SentEmail extends EmailMessage {
  messageId: string;
  from: string;
  sentAt: string;
}

/**
 * Where e-mail goes. Delivery services sit behind this; the local sink is the default.
 * `deliveryKey` identifies one delivery across retries (the queue's job id): a provider that can
 * deduplicate on it does, so a worker that crashed after sending does not send twice.
 */
export interface EmailProvider {
  readonly name: string;
  send(message: EmailMessage, deliveryKey?: string): Promise<{ messageId: string }>;
}

/**
 * Local delivery: each message becomes a JSON file in a directory (`<messageId>.json`, written
 * atomically and, with a delivery key, once per key), where developers read their invitations and
 * tests read what was sent.
 */
export class FileEmailSink implements EmailProvider {
  readonly name = 'file';

  constructor(
    private readonly directory: string,
    private readonly from: string,
  ) {
    mkdirSync(directory, { recursive: true });
  }

  async send(message: EmailMessage, deliveryKey?: string): Promise<{ messageId: string }> {
    const messageId = deliveryKey ? `delivery-${deliveryKey.replace(/[^A-Za-z0-9_-]/g, '_')}` : randomUUID();
    const sent: SentEmail = { ...message, messageId, from: this.from, sentAt: new Date().toISOString() };
    const temporary = join(this.directory, `.${messageId}.${randomUUID()}.tmp`);
    writeFileSync(temporary, JSON.stringify(sent, null, 2));
    try {
      // Written once per key, atomically: a link fails when a delivery (by an attempt that crashed
      // before it was acknowledged, or one running at the same time in another process) exists.
      linkSync(temporary, join(this.directory, `${messageId}.json`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
    return { messageId };
  }
}

/** Delivery through an SMTP relay (SES, Postmark, a company relay), e.g. smtps://user:pass@host:465. */
export class SmtpEmailProvider implements EmailProvider {
  readonly name = 'smtp';
  private readonly transport: nodemailer.Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: EmailMessage, deliveryKey?: string): Promise<{ messageId: string }> {
    // A stable Message-ID lets the receiving side drop a resend after a crash.
    const messageId = deliveryKey ? `<${deliveryKey.replace(/[^A-Za-z0-9_.-]/g, '_')}@cellgraph>` : undefined;
    const info = await this.transport.sendMail({ from: this.from, ...message, ...(messageId ? { messageId } : {}) });
    return { messageId: info.messageId };
  }
}

/** The messages a file sink holds, oldest first (by when they were sent). */
export function readSentEmails(directory: string): SentEmail[] {
  let files: string[];
  try {
    files = readdirSync(directory)
      .filter((file) => file.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
  const sent = files.map((file) => JSON.parse(readFileSync(join(directory, file), 'utf8')) as SentEmail);
  return sent.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}

export const emailEnv = z.object({
  EMAIL_PROVIDER: z.enum(['file', 'smtp']).default('file'),
  EMAIL_SINK_DIR: z.string().default('.cellgraph/mail'),
  SMTP_URL: z.url().optional(),
  EMAIL_FROM: z.string().default('Cellgraph <no-reply@cellgraph.local>'),
});

export function emailProviderFrom(config: z.output<typeof emailEnv>): EmailProvider {
  if (config.EMAIL_PROVIDER === 'smtp') {
    if (!config.SMTP_URL) throw new Error('EMAIL_PROVIDER=smtp needs SMTP_URL');
    return new SmtpEmailProvider(config.SMTP_URL, config.EMAIL_FROM);
  }
  return new FileEmailSink(config.EMAIL_SINK_DIR, config.EMAIL_FROM);
}
