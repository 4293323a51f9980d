import type { Redis } from '../redis/redis.js';

/**
 * Which subgraphs consume which events, kept in Redis so that the relay of any process — in one
 * host or spread over a cell's deployments — fans each event out to every consumer. Patterns are
 * event types, `<prefix>.*` or `*`.
 */
const directoryKey = (prefix: string) => `${prefix}:event-consumers`;
const REFRESH_MS = 1_000;

export async function registerEventConsumer(redis: Redis, prefix: string, consumer: string, patterns: readonly string[]): Promise<void> {
  await redis.hset(directoryKey(prefix), consumer, JSON.stringify(patterns));
}

export function matchesEventPattern(pattern: string, type: string): boolean {
  return pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1)));
}

export class ConsumerDirectory {
  private cached: { at: number; consumers: [string, string[]][] } | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** The consumers interested in `type`. */
  async consumersOf(type: string): Promise<string[]> {
    if (!this.cached || Date.now() - this.cached.at > REFRESH_MS) {
      const all = await this.redis.hgetall(directoryKey(this.prefix));
      this.cached = { at: Date.now(), consumers: Object.entries(all).map(([name, patterns]) => [name, JSON.parse(patterns) as string[]]) };
    }
    return this.cached.consumers.filter(([, patterns]) => patterns.some((pattern) => matchesEventPattern(pattern, type))).map(([name]) => name);
  }
}
