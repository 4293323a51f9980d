import { liveEventChannel, type Logger, type PublishedEvent } from '@cellgraph/kernel/core';
import type { Redis } from 'ioredis';

type Listener = (event: PublishedEvent) => void;

/**
 * The organizations' live events as this gateway process receives them: one Redis connection
 * subscribed to the channel of each organization that has at least one subscriber here, and
 * unsubscribed as soon as the last one leaves. The outbox relays of every subgraph publish there,
 * so a subscriber hears of a change whichever gateway process or worker caused it.
 * During a Redis outage a new subscription fails fast with SERVICE_UNAVAILABLE; open ones stay
 * open and hear nothing until the connection is back (ioredis subscribes again to every channel).
 * Live events are a notification, not a record: a client that reconnects refetches what it shows.
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
      try {
        await this.subscriber.subscribe(channel);
      } catch (error) {
        // Redis is unavailable (the error is SERVICE_UNAVAILABLE): forget the channel so the next
        // subscriber of the organization tries again, instead of waiting on a channel never joined.
        if (this.listeners.get(channel) === listeners && listeners.size === 0) this.listeners.delete(channel);
        throw error;
      }
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
