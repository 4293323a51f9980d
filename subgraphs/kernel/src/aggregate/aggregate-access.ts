import { In, type EntityManager, type EntityTarget, type FindOptionsWhere, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { Action } from '../authz/model.js';
import type { Authorizer } from '../authz/authorizer.js';
import { requireOrgId } from '../context/guards.js';
import type { LoaderRegistry } from '../loaders/loader-registry.js';
import { readableById } from '../loaders/readable-by-id.js';
import type { RequestContext } from '../context/request-context.js';
import type { Database } from '../db/database.js';
import { requireReferencesIn } from '../db/references.js';

/** What the kernel needs to know about one aggregate root to guard access to it. */
export interface AggregateSpec<T> {
  /** The GraphQL type, also the permission object type, e.g. "Task". */
  type: string;
  entity: EntityTarget<T>;
  /** Its table, schema-qualified, e.g. "tasks.tasks" (row-level security decides which rows exist for the caller). */
  table: string;
  /** The aggregate's NOT_FOUND user error, naming the input field when given. */
  notFound: (field?: (string | number)[]) => Error;
  /**
   * Which rows the caller may read, when it is not the permission model's `read` on `type`
   * (e.g. a notification: its recipient only). Default: `authz.allowed(request, 'read', type, ids)`.
   */
  readableOf?: (request: RequestContext, rows: readonly T[]) => Promise<boolean[]> | boolean[];
}

/**
 * `readableOf` of an aggregate whose rows the caller may read whenever they exist for it: row-level
 * security (its organization) is the whole rule, as for users, organizations and teams in identity.
 */
export const readableWhereVisible = <T>(_request: RequestContext, rows: readonly T[]): boolean[] => rows.map(() => true);

/**
 * The one preamble of every aggregate's service: rows by id as the caller's organization sees
 * them, which of them the caller may read, the DataLoader behind fields and `__resolveReference`,
 * the readable-ids restriction of list queries, and the guard of a mutation on an existing object.
 * Every transaction it opens is scoped to the request it is given.
 */
export class AggregateAccess<T extends ObjectLiteral & { id: string }> {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    readonly spec: AggregateSpec<T>,
  ) {}

  /** Rows by id in the caller's organization (unknown, other organizations' and trashed ones left out). */
  byIds(request: RequestContext, ids: readonly string[], em?: EntityManager): Promise<T[]> {
    const where = { id: In([...ids]) } as unknown as FindOptionsWhere<T>;
    return em ? em.findBy(this.spec.entity, where) : this.db.transaction(request, (own) => own.findBy(this.spec.entity, where));
  }

  /** For each row, whether the caller may read it. */
  async readableOf(request: RequestContext, rows: readonly T[]): Promise<boolean[]> {
    if (this.spec.readableOf) return this.spec.readableOf(request, rows);
    return this.authz.allowed(
      request,
      'read',
      this.spec.type,
      rows.map((row) => row.id),
    );
  }

  /**
   * The request's loader of rows by id: null when a row does not exist for the caller, a FORBIDDEN
   * error at the field when it exists but the caller may not read it. Fields and references use it.
   */
  loader(loaders: LoaderRegistry, request: RequestContext) {
    return readableById<T>(
      loaders,
      `aggregate:${this.spec.type}`,
      (ids) => this.byIds(request, ids),
      (rows) => this.readableOf(request, rows),
      this.spec.type.toLowerCase(),
    );
  }

  /** One row for a field or a query: null when it does not exist for the caller; its FORBIDDEN error thrown (at that field) when unreadable. */
  async loadReadable(loaders: LoaderRegistry, request: RequestContext, id: string | null): Promise<T | null> {
    if (!id) return null;
    const row = await this.loader(loaders, request).load(id);
    if (row instanceof Error) throw row;
    return row;
  }

  /** The ids of the type the caller may read, null for all of them; a list needs an organization. */
  readableIds(request: RequestContext): Promise<string[] | null> {
    requireOrgId(request);
    return this.authz.readableIds(request, this.spec.type);
  }

  /** Restricts a list query (`alias.id`) to the readable ids from `readableIds` (null: no restriction). */
  restrictToReadable<Q extends ObjectLiteral>(query: SelectQueryBuilder<Q>, alias: string, readable: string[] | null): SelectQueryBuilder<Q> {
    if (readable) query.andWhere(readable.length ? `${alias}.id IN (:...${alias}ReadableIds)` : 'FALSE', { [`${alias}ReadableIds`]: readable });
    return query;
  }

  /**
   * Guards `action` on an existing object: an id that does not exist for the caller (unknown, another
   * organization's, in the trash) and one the caller cannot even read answer the same NOT_FOUND
   * (naming `field`), so existence is never confirmed; one it reads but may not `action` is FORBIDDEN.
   * `em`: the caller's transaction, when it has opened one.
   */
  async requireExisting(request: RequestContext, action: Action, id: string, field?: (string | number)[], em?: EntityManager): Promise<void> {
    const notFound = () => this.spec.notFound(field);
    await requireReferencesIn(this.db, request, [{ table: this.spec.table, id, notFound }], em);
    await this.authz.requireExisting(request, action, this.spec.type, id, notFound);
  }

  /** `requireExisting`, then the row itself, locked for update in the caller's transaction. */
  async loadForUpdate(em: EntityManager, request: RequestContext, action: Action, id: string, field?: (string | number)[]): Promise<T> {
    await this.requireExisting(request, action, id, field, em);
    const row = await em.findOne(this.spec.entity, { where: { id } as unknown as FindOptionsWhere<T>, lock: { mode: 'pessimistic_write' } });
    if (!row) throw this.spec.notFound(field);
    return row;
  }
}
