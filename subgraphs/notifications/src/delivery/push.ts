import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A push notification to all of a user's devices. */
export interface PushMessage {
  userId: string;
  orgId: string;
  title: string;
  body: string;
  /** For the app to open the right screen: notificationId, event, subjectId (global ids). */
  data: Record<string, string>;
}

/** Where push notifications go (FCM, APNs, a web-push service sit behind this); the local sink is the default. */
export interface PushProvider {
  readonly name: string;
  send(message: PushMessage): Promise<{ messageId: string }>;
}

export interface SentPush extends PushMessage {
  messageId: string;
  sentAt: string;
}

const SINK_FILE = 'push.jsonl';

/**
 * Local delivery: each push is one JSON line appended to `<directory>/push.jsonl`, where developers
 * watch them arrive (tail -f) and tests read what was sent.
 */
export class FilePushSink implements PushProvider {
  readonly name = 'file';

  constructor(private readonly directory: string) {
    mkdirSync(directory, { recursive: true });
  }

  async send(message: PushMessage): Promise<{ messageId: string }> {
    const messageId = randomUUID();
    const sent: SentPush = { ...message, messageId, sentAt: new Date().toISOString() };
    appendFileSync(join(this.directory, SINK_FILE), `${JSON.stringify(sent)}\n`);
    return { messageId };
  }
}

/** The pushes a file sink holds, oldest first. */
export function readSentPushes(directory: string): SentPush[] {
  let content: string;
  try {
    content = readFileSync(join(directory, SINK_FILE), 'utf8');
  } catch {
    return [];
  }
  return content
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SentPush);
}
