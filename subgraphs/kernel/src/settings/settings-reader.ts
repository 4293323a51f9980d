import { serviceUnavailable } from '../errors/coded-error.js';
import type { Redis } from '../redis/redis.js';
import {
  resolveSettings,
  settingsCacheKey,
  settingsChangedChannel,
  settingsFillChannel,
  type ResolvedSettings,
  type SettingsNamespace,
} from './settings-namespaces.js';
import { kernelMessages } from '../errors/messages.js';

/** How long a process keeps resolved settings without asking Redis (a change announced drops them at once). */
const LOCAL_TTL_MS = 5_000;
/** How long a read waits for identity to fill a missing cache before SERVICE_UNAVAILABLE. */
const FILL_WAIT_MS = 2_000;
const MAX_LOCAL_ENTRIES = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads the resolved settings of a namespace for (organization, user) in any subgraph: a short
 * in-process cache, then identity's Redis cache (one HMGET), dropped in every process when identity
 * announces a change. Postgres (identity's `settings` table) is the record: when the Redis cache is
 * missing (Redis restarted, evicted) the reader asks identity to fill it and waits for the
 * announcement, so jobs read settings too, without a request to delegate.
 */
export class SettingsReader {
  private readonly local = new Map<string, { at: number; value: ResolvedSettings }>();
  private readonly waiting = new Map<string, Set<() => void>>();
  private subscriber: Redis | undefined;
  private filler: ((orgId: string, namespace: string) => Promise<void>) | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** The cell's namespaces (CELL_SETTINGS_NAMESPACES). */
    private readonly namespaces: ReadonlyMap<string, SettingsNamespace>,
  ) {}

  /** Listens for announced changes on a dedicated connection (pub/sub blocks a connection). */
  async listen(): Promise<void> {
    this.subscriber = this.redis.duplicate();
    const fillChannel = settingsFillChannel(this.prefix);
    this.subscriber.on('message', (channel: string, orgAndNamespace: string) =>
      channel === fillChannel ? this.fillRequested(orgAndNamespace) : this.changed(orgAndNamespace),
    );
    // Announcements missed while disconnected: forget everything once connected again.
    this.subscriber.on('ready', () => this.local.clear());
    await this.subscriber.subscribe(settingsChangedChannel(this.prefix), fillChannel);
  }

  /** The owner of the values (identity) fills the cache when a reader asks (`fill` rewrites and announces it). */
  serveFills(fill: (orgId: string, namespace: string) => Promise<void>): void {
    this.filler = fill;
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
  }

  /** The namespace's declaration, or undefined when the cell declares no such namespace. */
  namespace(name: string): SettingsNamespace | undefined {
    return this.namespaces.get(name);
  }

  /** Resolved values of `namespace` for `userId` (null: the organization's) in `orgId`. */
  async read(orgId: string, userId: string | null, namespace: string): Promise<ResolvedSettings> {
    const declared = this.namespaces.get(namespace);
    if (!declared) throw new Error(`Unknown settings namespace ${namespace}`);
    const localKey = `${orgId}:${namespace}:${userId ?? ''}`;
    const cached = this.local.get(localKey);
    if (cached && Date.now() - cached.at < LOCAL_TTL_MS) return cached.value;
    let stored = await this.stored(orgId, userId, namespace);
    if (!stored) stored = await this.fill(orgId, userId, namespace);
    const value = resolveSettings(declared, stored.organization, stored.user);
    if (this.local.size >= MAX_LOCAL_ENTRIES) this.local.delete(this.local.keys().next().value!);
    this.local.set(localKey, { at: Date.now(), value });
    return value;
  }

  private async stored(orgId: string, userId: string | null, namespace: string) {
    const [complete, organization, user] = await this.redis.hmget(
      settingsCacheKey(this.prefix, orgId, namespace),
      'complete',
      'organization',
      userId ? `user:${userId}` : 'user:',
    );
    if (!complete) return null;
    return { organization: parseObject(organization), user: userId ? parseObject(user) : null };
  }

  /** Asks identity to fill the cache from Postgres and waits for its announcement. */
  private async fill(orgId: string, userId: string | null, namespace: string) {
    const key = `${orgId}:${namespace}`;
    const filled = new Promise<void>((resolve) => {
      const waiters = this.waiting.get(key) ?? new Set();
      waiters.add(resolve);
      this.waiting.set(key, waiters);
      setTimeout(resolve, FILL_WAIT_MS).unref();
    });
    await this.redis.publish(settingsFillChannel(this.prefix), key);
    await filled;
    const stored = await this.stored(orgId, userId, namespace);
    if (!stored) throw serviceUnavailable(kernelMessages.settingsUnavailable, 1);
    return stored;
  }

  private fillRequested(orgAndNamespace: string): void {
    const [orgId, namespace] = orgAndNamespace.split(':') as [string, string];
    if (this.filler && UUID.test(orgId) && this.namespaces.has(namespace)) void this.filler(orgId, namespace);
  }

  private changed(orgAndNamespace: string): void {
    const prefix = `${orgAndNamespace}:`;
    for (const key of this.local.keys()) if (key.startsWith(prefix)) this.local.delete(key);
    const waiters = this.waiting.get(orgAndNamespace);
    this.waiting.delete(orgAndNamespace);
    for (const resolve of waiters ?? []) resolve();
  }
}

function parseObject(text: string | null): Record<string, unknown> | null {
  return text ? (JSON.parse(text) as Record<string, unknown>) : null;
}
