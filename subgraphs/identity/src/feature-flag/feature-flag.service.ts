import {
  featureFlagRuleSchema,
  moduleFlagKey,
  principalOrgId,
  principalUserId,
  validateInput,
  type Database,
  type FeatureFlag as Flag,
  type FeatureFlags,
  type Logger,
  type Redis,
  type RequestContext,
} from '@cellgraph/kernel';
import { z } from 'zod';
import { flagNotFound, identityNotSwitchable, platformAdminRequired } from './feature-flag.errors.js';
import type { Feature, FeatureFlag } from './feature-flag.inputs.js';
import { zodMessage } from '@cellgraph/kernel/core';
import { identityValidationMessages } from '../messages.js';

const flagInput = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_.-]{1,79}$/, zodMessage(identityValidationMessages.flagKey)),
  description: z.string().trim().max(500).nullish(),
  defaultEnabled: z.boolean(),
  rules: z
    .array(
      featureFlagRuleSchema.extend({
        ids: z
          .array(z.uuid(zodMessage(identityValidationMessages.flagTargetId)))
          .max(1000)
          .nullish()
          .transform((ids) => ids ?? []),
        percentage: z
          .number()
          .int()
          .min(0)
          .max(100)
          .nullish()
          .transform((percentage) => percentage ?? null),
      }),
    )
    .max(50)
    .nullish()
    .transform((rules) => rules ?? []),
});

interface FlagRow {
  key: string;
  description: string;
  default_enabled: boolean;
  rules: Flag['rules'];
  updated_at: Date;
}

const toFlag = (row: FlagRow): FeatureFlag => ({
  key: row.key,
  description: row.description,
  defaultEnabled: row.default_enabled,
  rules: row.rules.map((rule) => ({ ...rule, kind: rule.kind as FeatureFlag['rules'][number]['kind'] })),
  updatedAt: row.updated_at,
});

/**
 * The cell's feature flags: stored here (the record), managed by platform administrators
 * (`identity.platform_admins`, granted with `npm run platform-admin`), and published as one Redis
 * snapshot that every process's FeatureFlags evaluates (at start, on every change, whenever
 * identity's Redis connection is ready again).
 */
export class FeatureFlagService {
  constructor(
    private readonly db: Database,
    private readonly flags: FeatureFlags,
    private readonly logger: Logger,
  ) {}

  /** Publishes the snapshot now and whenever the connection is (re)established (Redis may have lost it). */
  watch(redis: Redis): void {
    const publish = () => void this.publish();
    redis.on('ready', publish);
    if (redis.status === 'ready') publish();
  }

  /** The flags as they apply to the caller (what the SPA reads). */
  features(request: RequestContext): Feature[] {
    return this.flags.evaluateAll({ orgId: principalOrgId(request.principal), userId: principalUserId(request.principal) });
  }

  async isPlatformAdmin(request: RequestContext): Promise<boolean> {
    if (request.principal.kind !== 'user') return false; // never an API key: keys act within a tenant
    const rows: unknown[] = await this.db.transaction(request, (em) =>
      em.query('SELECT 1 FROM identity.platform_admins WHERE user_id = $1', [request.principal.kind === 'user' ? request.principal.userId : null]),
    );
    return rows.length > 0;
  }

  async list(request: RequestContext): Promise<FeatureFlag[]> {
    await this.requirePlatformAdmin(request);
    return (await this.rows(request)).map(toFlag);
  }

  async set(request: RequestContext, input: z.input<typeof flagInput>): Promise<FeatureFlag> {
    await this.requirePlatformAdmin(request);
    const flag = validateInput(flagInput, input, 'FEATURE_FLAG_INVALID');
    if (flag.key === moduleFlagKey('identity')) throw identityNotSwitchable();
    const [row] = (await this.db.transaction(request, async (em, hooks) => {
      hooks.afterCommit(() => this.publish());
      return em.query(
        `INSERT INTO identity.feature_flags (key, description, default_enabled, rules, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (key) DO UPDATE SET description = EXCLUDED.description, default_enabled = EXCLUDED.default_enabled, rules = EXCLUDED.rules,
           updated_at = now(), updated_by = EXCLUDED.updated_by
         RETURNING key, description, default_enabled, rules, updated_at`,
        [flag.key, flag.description ?? '', flag.defaultEnabled, JSON.stringify(flag.rules), principalUserId(request.principal)],
      );
    })) as FlagRow[];
    return toFlag(row!);
  }

  async delete(request: RequestContext, key: string): Promise<string> {
    await this.requirePlatformAdmin(request);
    await this.db.transaction(request, async (em, hooks) => {
      const [, deleted] = (await em.query('DELETE FROM identity.feature_flags WHERE key = $1', [key])) as [unknown, number];
      if (!deleted) throw flagNotFound();
      hooks.afterCommit(() => this.publish());
    });
    return key;
  }

  /** Writes every flag to the Redis snapshot and announces it; a failure is logged (the next start or reconnection publishes again). */
  async publish(): Promise<void> {
    try {
      const rows = await this.rows({ orgId: null, userId: null });
      await this.flags.publish(rows.map((row) => ({ key: row.key, description: row.description, defaultEnabled: row.default_enabled, rules: row.rules })));
    } catch (error) {
      this.logger.warn({ err: error }, 'feature flags not published; processes keep their last snapshot');
    }
  }

  private rows(scope: RequestContext | { orgId: null; userId: null }): Promise<FlagRow[]> {
    return this.db.transaction(scope, (em) => em.query('SELECT key, description, default_enabled, rules, updated_at FROM identity.feature_flags ORDER BY key'));
  }

  private async requirePlatformAdmin(request: RequestContext): Promise<void> {
    if (!(await this.isPlatformAdmin(request))) throw platformAdminRequired();
  }
}
