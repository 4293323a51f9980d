import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, FileEmailSink, Mailer, readSentEmails, startEmailWorker, type EmailMessage, type EmailProvider } from '../src/index.js';
import { deleteRedisKeys, TEST_REDIS_URL } from '../src/testing/index.js';

const prefix = `cgtest:${randomBytes(6).toString('hex')}`;
const directory = mkdtempSync(join(tmpdir(), 'cellgraph-mail-'));
afterAll(async () => {
  const redis = new Redis(TEST_REDIS_URL);
  await deleteRedisKeys(redis, prefix);
  redis.disconnect();
  rmSync(directory, { recursive: true, force: true });
});

describe('e-mail delivery', () => {
  it('sends a message once although the worker failed after sending it and the job ran again', async () => {
    const sink = new FileEmailSink(directory, 'cellgraph@example.test');
    let attempts = 0;
    // Delivers, then fails as a worker would that died before acknowledging the job.
    const crashingOnce: EmailProvider = {
      name: 'crashing-once',
      async send(message: EmailMessage, deliveryKey?: string) {
        const sent = await sink.send(message, deliveryKey);
        if (++attempts === 1) throw new Error('worker died after sending');
        return sent;
      },
    };
    const mailer = new Mailer(TEST_REDIS_URL, prefix);
    const worker = startEmailWorker(TEST_REDIS_URL, prefix, crashingOnce, createLogger('test', 'silent'));
    try {
      await mailer.send({ to: 'ada@example.test', subject: 'Once', text: 'Only once' }, 'notification-42');
      const deadline = Date.now() + 15_000;
      while (attempts < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(attempts).toBe(2);
      expect(readSentEmails(directory).map((mail) => [mail.to, mail.subject, mail.messageId])).toEqual([
        ['ada@example.test', 'Once', 'delivery-notification-42'],
      ]);
      // Without a delivery key every send is a new message.
      await sink.send({ to: 'ada@example.test', subject: 'Twice', text: '' });
      await sink.send({ to: 'ada@example.test', subject: 'Twice', text: '' });
      expect(readSentEmails(directory).filter((mail) => mail.subject === 'Twice')).toHaveLength(2);
    } finally {
      await worker.close();
      await mailer.close();
    }
  });
});
