import { liveEventChannel, type Logger, type PublishedEvent } from '@cellgraph/kernel';
import type { Redis } from 'ioredis';

type Listener = (event: PublishedEvent) => void;

/**
 * The organizations' live events as this gateway process receives them: one Redis connection
 * subscribed to the channel of each organization that has at least one subscriber here, and
 * unsubscribed as soon as the last one leaves. The outbox relays of every subgraph publish there,
 * so a subscriber hears of a change whichever gateway process or worker caused it.
 */
export class LiveEventHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly subscriber: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    subscriber.on('message', (channel: string, message: string) => this.deliver(channel, message));
  }

  /** Calls `listener` with every live event of the organization until the returned function is called. */
  async listen(orgId: string, listener: Listener): Promise<() => Promise<void>> {
    const channel = liveEventChannel(this.prefix, orgId);
    let listeners = this.listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(channel, listeners);
      await this.subscriber.subscribe(channel);
    }
    listeners.add(listener);
    const own = listeners;
    return async () => {
      if (!own.delete(listener) || own.size > 0 || this.listeners.get(channel) !== own) return;
      this.listeners.delete(channel);
      await this.subscriber.unsubscribe(channel);
    };
  }

  /** Channels subscribed and listeners registered in this process. */
  stats(): { channels: number; listeners: number } {
    let listeners = 0;
    for (const set of this.listeners.values()) listeners += set.size;
    return { channels: this.listeners.size, listeners };
  }

  close(): void {
    this.listeners.clear();
    this.subscriber.disconnect();
  }

  private deliver(channel: string, message: string): void {
    const listeners = this.listeners.get(channel);
    if (!listeners) return;
    let event: PublishedEvent;
    try {
      event = JSON.parse(message) as PublishedEvent;
    } catch {
      this.logger.warn({ channel }, 'dropped a live event that is not JSON');
      return;
    }
    for (const listener of listeners) listener(event);
  }
}
