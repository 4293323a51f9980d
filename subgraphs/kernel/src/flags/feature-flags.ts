import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CodedError } from '../errors/coded-error.js';
import type { Logger } from '../logging/logger.js';
import type { Redis } from '../redis/redis.js';
import { text } from '../i18n/messages.js';
import { kernelMessages } from '../errors/messages.js';

/**
 * Runtime feature flags, managed by platform administrators in identity and evaluated in every
 * process: identity writes the whole set as one snapshot to Redis (at start, on every change and
 * whenever its connection is ready again) and announces it; each process keeps the snapshot in
 * memory and reloads it on the announcement (so a change is seen within a second), or on its own
 * reconnection. Redis unreachable: the last snapshot stays in force; none yet: every flag has its
 * safe default (`module.*` and `job.*` on, any other off).
 */
export const featureFlagRuleSchema = z.object({
  kind: z.enum(['ORGANIZATION', 'USER', 'PERCENTAGE']),
  /** Organization or user ids (ORGANIZATION, USER). */
  ids: z.array(z.string()).default([]),
  /** 0–100: the share of organizations (of users without one) in the rule (PERCENTAGE). */
  percentage: z.number().int().min(0).max(100).nullable().default(null),
  enabled: z.boolean(),
});
export type FeatureFlagRule = z.output<typeof featureFlagRuleSchema>;

export const featureFlagSchema = z.object({
  key: z.string(),
  description: z.string(),
  defaultEnabled: z.boolean(),
  rules: z.array(featureFlagRuleSchema),
});
export type FeatureFlag = z.output<typeof featureFlagSchema>;

const snapshotSchema = z.object({ flags: z.array(featureFlagSchema) });

/** Who a flag is evaluated for. */
export interface FlagSubject {
  orgId: string | null;
  userId: string | null;
}

/** The flag that switches a module (subgraph) off for its callers: `module.<name>`. */
export const moduleFlagKey = (module: string) => `module.${module}`;

/** Flags unknown to the snapshot: modules and scheduled jobs (`job.<subgraph>.<job>`) stay on, features stay off. */
export const safeDefault = (key: string) => key.startsWith('module.') || key.startsWith('job.');

/** A stable bucket 0–99 of `subject` for `key`: the same organization always falls in the same bucket of a flag. */
export function flagBucket(key: string, subject: string): number {
  return createHash('sha256').update(`${key}:${subject}`).digest().readUInt32BE(0) % 100;
}

/** The first rule that matches decides; none: the flag's default. */
export function evaluateFlag(flag: FeatureFlag, subject: FlagSubject): boolean {
  for (const rule of flag.rules) {
    if (rule.kind === 'ORGANIZATION' && subject.orgId && rule.ids.includes(subject.orgId)) return rule.enabled;
    if (rule.kind === 'USER' && subject.userId && rule.ids.includes(subject.userId)) return rule.enabled;
    if (rule.kind === 'PERCENTAGE' && rule.percentage !== null) {
      const unit = subject.orgId ?? subject.userId;
      if (unit && flagBucket(flag.key, unit) < rule.percentage) return rule.enabled;
    }
  }
  return flag.defaultEnabled;
}

export const featureFlagsKey = (prefix: string) => `${prefix}:feature-flags`;
export const featureFlagsChannel = (prefix: string) => `${prefix}:feature-flags:changed`;

/** A module switched off for the caller. */
export const featureDisabled = (module: string) =>
  new CodedError('FEATURE_DISABLED', text(kernelMessages.moduleDisabled, { module }), { module, flag: moduleFlagKey(module) });

/** One process's view of the cell's flags. */
export class FeatureFlags {
  private flags = new Map<string, FeatureFlag>();
  private subscriber: Redis | undefined;
  private loading: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger?: Logger,
  ) {}

  /** Loads the snapshot and follows its announcements on a dedicated connection. */
  async listen(): Promise<void> {
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', () => void this.reload());
    this.subscriber.on('ready', () => void this.reload());
    await this.subscriber.subscribe(featureFlagsChannel(this.prefix));
    await this.reload();
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
  }

  /**
   * Reads the snapshot again; keeps the last one when Redis fails. A call while a read is under way
   * shares it and then reads once more (the announcement may postdate what that read saw).
   */
  reload(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = this.redis
      .get(featureFlagsKey(this.prefix))
      .then((text) => {
        if (text === null) return; // identity writes it again when it starts or reconnects
        this.flags = new Map(snapshotSchema.parse(JSON.parse(text)).flags.map((flag) => [flag.key, flag]));
      })
      .catch((error: unknown) => this.logger?.warn({ err: error }, 'feature flags not reloaded; the last snapshot stays in force'))
      .finally(() => {
        this.loading = null;
        if (this.again) {
          this.again = false;
          void this.reload();
        }
      });
    return this.loading;
  }

  isEnabled(key: string, subject: FlagSubject): boolean {
    const flag = this.flags.get(key);
    return flag ? evaluateFlag(flag, subject) : safeDefault(key);
  }

  /** Every known flag, evaluated for `subject`. */
  evaluateAll(subject: FlagSubject): { key: string; enabled: boolean }[] {
    return [...this.flags.values()].map((flag) => ({ key: flag.key, enabled: evaluateFlag(flag, subject) })).sort((a, b) => a.key.localeCompare(b.key));
  }

  /** Writes the cell's whole set of flags and announces it (identity, which owns them). */
  async publish(flags: readonly FeatureFlag[]): Promise<void> {
    await this.redis.set(featureFlagsKey(this.prefix), JSON.stringify({ flags }));
    await this.redis.publish(featureFlagsChannel(this.prefix), 'changed');
  }
}
