import {
  boundedJsonObject,
  invalidInput,
  principalUserId,
  requireOrgId,
  requireUserId,
  resolveSettings,
  settingsCacheKey,
  settingsChangedChannel,
  UserInputError,
  issuesAsUserErrors,
  safeParseForReader,
  type Authorizer,
  type Database,
  type Logger,
  type Redis,
  type SettingsReader,
  type RequestContext,
  type SettingsNamespace as Namespace,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { namespaceUnknown, scopeNotAllowed, SettingsErrorCode } from './settings.errors.js';
import { SettingSource, SettingsScope, type SettingsNamespace } from './settings.inputs.js';
import { accessMessages } from '../messages.js';

/** How long identity's Redis cache of a namespace lives untouched: it bounds staleness if a rewrite after a commit failed. */
const CACHE_TTL_SECONDS = 3600;
const input = boundedJsonObject({ maxBytes: 16_384, maxDepth: 5 });
/** KEYS: the hash, its generation; ARGV: the generation read before Postgres, the TTL, the fields. */
const WRITE_IF_CURRENT = `
if (redis.call('GET', KEYS[2]) or '') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1`;

interface StoredRow {
  scope: 'organization' | 'user';
  scope_id: string;
  value: Record<string, unknown>;
}

/**
 * The values of every settings namespace of the cell (CELL_SETTINGS_NAMESPACES), stored in
 * `identity.settings` (the record) and cached in Redis per organization and namespace for the
 * kernel's SettingsReader in every process: rewritten after each change and announced, and filled
 * when a reader finds it missing.
 */
export class SettingsService {
  private readonly validators = new Map<string, z.ZodType>();

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly namespaces: ReadonlyMap<string, Namespace>,
    private readonly logger: Logger,
  ) {}

  /** Fills the Redis cache when a reader finds it missing (the kernel's reader relays the request). */
  serveFills(reader: SettingsReader): void {
    reader.serveFills((orgId, namespace) => this.refill(orgId, namespace));
  }

  list(): Namespace[] {
    return [...this.namespaces.values()];
  }

  /** A namespace resolved for the caller (read from Postgres, the record). */
  async get(request: RequestContext, name: string): Promise<SettingsNamespace> {
    const namespace = this.namespaces.get(name);
    if (!namespace) throw invalidInput(accessMessages.namespaceArgumentUnknown, { argument: 'namespace', code: SettingsErrorCode.NamespaceUnknown });
    return this.db.transaction(request, (em) => this.resolved(em, request, namespace));
  }

  async set(request: RequestContext, change: { namespace: string; scope: SettingsScope; values: Record<string, unknown> }): Promise<SettingsNamespace> {
    const namespace = this.namespaceFor(change.namespace, change.scope);
    const values = safeParseForReader(input, change.values);
    if (!values.success) throw invalid(values.error.issues);
    const { orgId, scopeId } = await this.requireScope(request, change.scope);
    return this.write(request, namespace, change.scope, scopeId, orgId, (stored) => {
      const next = { ...stored };
      for (const [key, value] of Object.entries(values.data)) {
        if (value === null) delete next[key];
        else next[key] = value;
      }
      const checked = safeParseForReader(this.validator(namespace), { ...namespace.defaults, ...next });
      if (!checked.success) throw invalid(checked.error.issues);
      return { next, keys: Object.keys(values.data) };
    });
  }

  async reset(request: RequestContext, change: { namespace: string; scope: SettingsScope; keys?: string[] | null }): Promise<SettingsNamespace> {
    const namespace = this.namespaceFor(change.namespace, change.scope);
    const { orgId, scopeId } = await this.requireScope(request, change.scope);
    return this.write(request, namespace, change.scope, scopeId, orgId, (stored) => {
      const keys = change.keys ?? Object.keys(stored);
      const next = Object.fromEntries(Object.entries(stored).filter(([key]) => !keys.includes(key)));
      return { next, keys };
    });
  }

  /**
   * Rewrites the Redis cache of an organization's namespace from Postgres and announces it — unless
   * a change was committed meanwhile (its generation moved): a slower rewrite never puts older
   * values over newer ones; the change's own rewrite follows.
   */
  async refill(orgId: string, namespace: string): Promise<void> {
    const key = settingsCacheKey(this.prefix, orgId, namespace);
    try {
      const generation = (await this.redis.get(`${key}:generation`)) ?? '';
      const rows: StoredRow[] = await this.db.transaction({ orgId, userId: null }, (em) =>
        em.query('SELECT scope, scope_id, value FROM identity.settings WHERE namespace = $1', [namespace]),
      );
      const fields: string[] = ['complete', '1'];
      for (const row of rows) fields.push(row.scope === 'organization' ? 'organization' : `user:${row.scope_id}`, JSON.stringify(row.value));
      const written = await this.redis.eval(WRITE_IF_CURRENT, 2, key, `${key}:generation`, generation, CACHE_TTL_SECONDS, ...fields);
      if (written === 1) await this.redis.publish(settingsChangedChannel(this.prefix), `${orgId}:${namespace}`);
    } catch (error) {
      this.logger.warn({ err: error, orgId, namespace }, 'settings cache not rewritten; it expires within the hour');
    }
  }

  /** After a commit: a new generation (refusing rewrites that read before it), no cache, then a rewrite. */
  private async changed(orgId: string, namespace: string): Promise<void> {
    const key = settingsCacheKey(this.prefix, orgId, namespace);
    try {
      await this.redis
        .multi()
        .incr(`${key}:generation`)
        .expire(`${key}:generation`, CACHE_TTL_SECONDS * 24)
        .del(key)
        .exec();
    } catch (error) {
      this.logger.warn({ err: error, orgId, namespace }, 'settings cache not invalidated; it expires within the hour');
      return;
    }
    await this.refill(orgId, namespace);
  }

  private async write(
    request: RequestContext,
    namespace: Namespace,
    scope: SettingsScope,
    scopeId: string,
    orgId: string,
    change: (stored: Record<string, unknown>) => { next: Record<string, unknown>; keys: string[] },
  ): Promise<SettingsNamespace> {
    const result = await this.db.transaction(request, async (em, hooks) => {
      const [row] = (await em.query('SELECT value FROM identity.settings WHERE namespace = $1 AND scope = $2 AND scope_id = $3 FOR UPDATE', [
        namespace.namespace,
        scope,
        scopeId,
      ])) as { value: Record<string, unknown> }[];
      const { next, keys } = change(row?.value ?? {});
      if (Object.keys(next).length) {
        await em.query(
          `INSERT INTO identity.settings (org_id, scope, scope_id, namespace, value, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (org_id, namespace, scope, scope_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by`,
          [orgId, scope, scopeId, namespace.namespace, JSON.stringify(next), principalUserId(request.principal)],
        );
      } else {
        await em.query('DELETE FROM identity.settings WHERE namespace = $1 AND scope = $2 AND scope_id = $3', [namespace.namespace, scope, scopeId]);
      }
      await this.db.emit(em, {
        type: 'settings.changed',
        orgId,
        subject: scope === SettingsScope.ORGANIZATION ? { type: 'Organization', id: orgId } : { type: 'User', id: scopeId },
        data: { namespace: namespace.namespace, scope, keys },
      });
      hooks.afterCommit(() => this.changed(orgId, namespace.namespace));
      return this.resolved(em, request, namespace);
    });
    return result;
  }

  private async resolved(em: EntityManager, request: RequestContext, namespace: Namespace): Promise<SettingsNamespace> {
    const userId = principalUserId(request.principal);
    const rows: StoredRow[] = await em.query(
      `SELECT scope, scope_id, value FROM identity.settings WHERE namespace = $1 AND (scope = 'organization' OR (scope = 'user' AND scope_id = $2))`,
      [namespace.namespace, userId],
    );
    const organizationValues = rows.find((row) => row.scope === 'organization')?.value ?? {};
    const userValues = rows.find((row) => row.scope === 'user')?.value ?? {};
    const { values, sources } = resolveSettings(namespace, organizationValues, userValues);
    return {
      namespace: namespace.namespace,
      module: namespace.module,
      description: namespace.description,
      scopes: namespace.scopes as SettingsScope[],
      values,
      sources: Object.entries(sources).map(([key, source]) => ({ key, source: source as SettingSource })),
      organizationValues,
      userValues,
      schema: namespace.schema,
      defaults: namespace.defaults,
    };
  }

  private namespaceFor(name: string, scope: SettingsScope): Namespace {
    const namespace = this.namespaces.get(name);
    if (!namespace) throw namespaceUnknown();
    if (!namespace.scopes.includes(scope)) throw scopeNotAllowed(name);
    return namespace;
  }

  /** Organization scope: owners and admins; user scope: the caller, for themselves. */
  private async requireScope(request: RequestContext, scope: SettingsScope): Promise<{ orgId: string; scopeId: string }> {
    const orgId = requireOrgId(request);
    if (scope === SettingsScope.USER) return { orgId, scopeId: requireUserId(request) };
    await this.authz.require(request, 'manage', 'Organization', orgId);
    return { orgId, scopeId: orgId };
  }

  private validator(namespace: Namespace): z.ZodType {
    let validator = this.validators.get(namespace.namespace);
    if (!validator) {
      validator = z.fromJSONSchema(namespace.schema as Parameters<typeof z.fromJSONSchema>[0]);
      this.validators.set(namespace.namespace, validator);
    }
    return validator;
  }
}

/** Zod's issues as SETTINGS_INVALID at input.values.<path>, in the reader's language. */
function invalid(issues: readonly z.core.$ZodIssue[]): UserInputError {
  return issuesAsUserErrors(issues, SettingsErrorCode.Invalid, ['input', 'values']);
}
