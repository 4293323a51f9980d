import {
  apiKeyCacheKey,
  requireOrgId,
  requireUserId,
  uuidv7,
  validateInput,
  fromGlobalId,
  type ApiKeyRecord,
  type ApiKeyScope,
  type Authorizer,
  type Database,
  type Redis,
  type RequestContext,
  newSecretToken,
} from '@cellgraph/kernel';
import { IsNull, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { TOKEN_PREFIX } from '../security/secret-tokens.js';
import { requireSystemCaller } from '../security/system-caller.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyErrorCode, apiKeyNotFound, unknownScope } from './api-key.errors.js';
import { zodMessage } from '@cellgraph/kernel/core';
import { identityValidationMessages } from '../messages.js';

const createInput = z.object({
  name: z.string().trim().min(1, zodMessage(identityValidationMessages.nameRequired)).max(100, zodMessage(identityValidationMessages.nameTooLong)),
  scopes: z
    .array(z.string().regex(/^[a-z][a-z0-9-]*:(read|write)$/, zodMessage(identityValidationMessages.scopeFormat)))
    .min(1, zodMessage(identityValidationMessages.scopeRequired))
    .max(50),
  expiresAt: z.date().min(new Date(), zodMessage(identityValidationMessages.expiryInFuture)).nullish(),
  rateLimit: z
    .number()
    .int()
    .min(1, zodMessage(identityValidationMessages.rateLimitMin))
    .max(100_000, zodMessage(identityValidationMessages.rateLimitMax))
    .nullish(),
});
const updateInput = z.object({ name: createInput.shape.name.nullish(), rateLimit: createInput.shape.rateLimit });

/** API keys: created (the key shown once), listed, revoked with immediate effect, resolved for the gateway. */
export class ApiKeyService {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    /** The cell's scope registry: what its subgraphs declare. */
    readonly scopes: readonly ApiKeyScope[],
  ) {}

  async create(
    request: RequestContext,
    input: { name: string; scopes: string[]; expiresAt?: Date | null; rateLimit?: number | null },
  ): Promise<{ apiKey: ApiKey; plainKey: string }> {
    const orgId = requireOrgId(request);
    const createdBy = requireUserId(request);
    await this.authz.require(request, 'manage', 'Organization', orgId);
    const valid = validateInput(createInput, input, ApiKeyErrorCode.InvalidInput);
    this.requireKnownScopes(valid.scopes);
    const key = newSecretToken(TOKEN_PREFIX.apiKey);
    const apiKey = await this.db.transaction(request, async (em) => {
      const id = uuidv7();
      await em.insert(ApiKey, {
        id,
        orgId,
        name: valid.name,
        prefix: key.token.slice(0, 11),
        keyHash: key.hash,
        scopes: [...new Set(valid.scopes)].sort(),
        createdBy,
        expiresAt: valid.expiresAt ?? null,
        rateLimit: valid.rateLimit ?? null,
        lastUsedAt: null,
        revokedAt: null,
      });
      await this.db.emit(em, { type: 'api_key.created', orgId, subject: { type: 'ApiKey', id }, data: { name: valid.name, scopes: valid.scopes } });
      return em.findOneByOrFail(ApiKey, { id });
    });
    return { apiKey, plainKey: key.token };
  }

  /** A scope the cell's subgraphs do not declare is refused, naming it (e.g. invoices:write on a cell without invoices). */
  private requireKnownScopes(scopes: readonly string[]): void {
    const known = new Set(this.scopes.map((scope) => scope.name));
    const index = scopes.findIndex((scope) => !known.has(scope));
    if (index >= 0) throw unknownScope(scopes[index]!, index);
  }

  /** Renames a key or changes its rate limit; the gateway's cached resolution is dropped, so the limit applies at once. */
  async update(request: RequestContext, input: { id: string; name?: string | null; rateLimit?: number | null }): Promise<ApiKey> {
    const valid = validateInput(updateInput, { name: input.name, rateLimit: input.rateLimit }, ApiKeyErrorCode.InvalidInput);
    return this.changeActive(request, input.id, async (em, apiKey) => {
      const changes: Partial<ApiKey> = {};
      if (valid.name) changes.name = valid.name;
      if (valid.rateLimit !== undefined) changes.rateLimit = valid.rateLimit;
      if (Object.keys(changes).length === 0) return;
      await em.update(ApiKey, { id: apiKey.id }, changes);
      await this.db.emit(em, {
        type: 'api_key.updated',
        orgId: apiKey.orgId,
        subject: { type: 'ApiKey', id: apiKey.id },
        data: { before: { name: apiKey.name, rateLimit: apiKey.rateLimit }, after: changes },
      });
    });
  }

  /** Revokes a key: the gateway's cached resolution is dropped, so the next request is refused. */
  revoke(request: RequestContext, id: string): Promise<ApiKey> {
    return this.changeActive(request, id, async (em, apiKey) => {
      await em.update(ApiKey, { id: apiKey.id, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.db.emit(em, { type: 'api_key.revoked', orgId: apiKey.orgId, subject: { type: 'ApiKey', id: apiKey.id }, data: { name: apiKey.name } });
    });
  }

  /** Runs a change of an active key of the caller's organization (owners and admins), then drops the gateway's cached resolution. */
  private async changeActive(request: RequestContext, id: string, change: (em: EntityManager, apiKey: ApiKey) => Promise<void>): Promise<ApiKey> {
    const orgId = requireOrgId(request);
    await this.authz.require(request, 'manage', 'Organization', orgId);
    const keyId = fromGlobalId('ApiKey', id);
    return this.db.transaction(request, async (em, hooks) => {
      const apiKey = await em
        .createQueryBuilder(ApiKey, 'key')
        .addSelect('key.keyHash')
        .where('key.id = :keyId AND key.revokedAt IS NULL', { keyId })
        .setLock('pessimistic_write')
        .getOne();
      if (!apiKey) throw apiKeyNotFound();
      await change(em, apiKey);
      hooks.afterCommit(() => this.redis.del(apiKeyCacheKey(this.keyPrefix, apiKey.keyHash)));
      return em.findOneByOrFail(ApiKey, { id: keyId });
    });
  }

  /** For the gateway (system caller only): the active key with this hash, or null; records its use. */
  async resolve(request: RequestContext, keyHash: string): Promise<ApiKeyRecord | null> {
    requireSystemCaller(request);
    return this.db.transaction({ userId: null, orgId: null, settings: { token_hash: keyHash } }, async (em) => {
      const apiKey = await em.findOneBy(ApiKey, { keyHash });
      if (!apiKey || apiKey.revokedAt || (apiKey.expiresAt && apiKey.expiresAt <= new Date())) return null;
      await em.update(ApiKey, { id: apiKey.id }, { lastUsedAt: new Date() });
      return {
        keyId: apiKey.id,
        name: apiKey.name,
        orgId: apiKey.orgId,
        userId: apiKey.createdBy,
        scopes: apiKey.scopes,
        expiresAt: apiKey.expiresAt?.toISOString() ?? null,
        rateLimit: apiKey.rateLimit,
      };
    });
  }
}
