import {
  AggregateAccess,
  filterToSql,
  globalIdOf,
  idempotent,
  OrderDirection,
  paginate,
  principalUserId,
  requireOrgId,
  requireUserId,
  sortKeysFor,
  TrackedFields,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type Database,
  type FilterSpec,
  type OrderField,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { SavedSearch } from './saved-search.entity.js';
import { SavedSearchErrorCode, savedSearchNotFound } from './saved-search.errors.js';
import type { SavedSearchCreateInput, SavedSearchFilter, SavedSearchUpdateInput, SavedSearchesArgs } from './saved-search.inputs.js';
import { searchErrorTexts } from '../messages.js';

const name = z.string().trim().min(1, zodMessage(searchErrorTexts.nameRequired)).max(200, zodMessage(searchErrorTexts.nameTooLong));
const query = z.string().trim().min(1, zodMessage(searchErrorTexts.queryRequired)).max(200, zodMessage(searchErrorTexts.queryTooLong));
const types = z
  .array(z.string().regex(/^[A-Z][A-Za-z0-9]{0,63}$/, zodMessage(searchErrorTexts.typesFormat)))
  .max(50)
  .nullable()
  .transform((value) => [...new Set(value ?? [])].sort());
const createInput = z.object({ name, query, types: types.optional() });
const updateInput = z.object({ id: globalIdOf('SavedSearch'), name: name.optional(), query: query.optional(), types: types.optional() });
const idInput = z.object({ id: globalIdOf('SavedSearch') });

/** The fields its events carry before and after a change. */
const TRACKED = TrackedFields.of(SavedSearch, ['name', 'query', 'types']);

const filterSpec: FilterSpec = {
  id: { path: 'savedSearch.id', kind: 'id', idType: 'SavedSearch' },
  name: { path: 'savedSearch.name', kind: 'string' },
  createdAt: { path: 'savedSearch.createdAt', kind: 'datetime' },
  updatedAt: { path: 'savedSearch.updatedAt', kind: 'datetime' },
};

const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'savedSearch.createdAt', sqlType: 'timestamptz' },
  updatedAt: { path: 'savedSearch.updatedAt', sqlType: 'timestamptz' },
  name: { path: 'savedSearch.name', sqlType: 'text' },
};
const idOrder: OrderField = { path: 'savedSearch.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];

/** A saved search is personal: its creator alone reads and changes it (whatever their role). */
function readableByCreator(request: RequestContext, rows: readonly SavedSearch[]): boolean[] {
  const userId = principalUserId(request.principal);
  return rows.map((row) => row.createdBy === userId);
}

/**
 * The caller's saved searches: rules, transactions, events and queries. Nobody sees another's;
 * deleting moves one to the trash; every change emits its event.
 */
export class SavedSearchService {
  readonly access: AggregateAccess<SavedSearch>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {
    this.access = new AggregateAccess(db, authz, {
      type: 'SavedSearch',
      entity: SavedSearch,
      table: 'search.saved_searches',
      notFound: savedSearchNotFound,
      readableOf: readableByCreator,
    });
  }

  async list(request: RequestContext, args: SavedSearchesArgs): Promise<Connection<SavedSearch>> {
    const userId = requireUserId(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => this.query(em, args.filter).andWhere('savedSearch.createdBy = :userId', { userId }),
      sort: sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder),
      args,
    });
  }

  async create(request: RequestContext, input: SavedSearchCreateInput): Promise<SavedSearch> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.authz.require(request, 'read', 'SavedSearch');
    const valid = validateInput(createInput, input, SavedSearchErrorCode.InvalidInput);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'savedSearchCreate',
        input: valid,
        create: async () => {
          const savedSearch = await em.save(
            em.create(SavedSearch, { id: uuidv7(), orgId, name: valid.name, query: valid.query, types: valid.types ?? [], createdBy: actorId }),
          );
          await this.emit(em, savedSearch, 'saved_search.created', { after: TRACKED.snapshot(savedSearch) });
          return savedSearch;
        },
        load: (id) => em.findOneBy(SavedSearch, { id }),
      }),
    );
  }

  async update(request: RequestContext, input: SavedSearchUpdateInput): Promise<SavedSearch> {
    const { id, ...changes } = validateInput(updateInput, input, SavedSearchErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const savedSearch = await this.loadOwn(em, request, id);
      const before = TRACKED.snapshot(savedSearch);
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined) Object.assign(savedSearch, { [key]: value });
      }
      const saved = await em.save(savedSearch);
      const change = TRACKED.change(before, TRACKED.snapshot(saved));
      if (change) await this.emit(em, saved, 'saved_search.updated', change);
      return saved;
    });
  }

  /** Moves a saved search to the trash (soft delete); it disappears from lists and references. */
  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    const { id } = validateInput(idInput, input, SavedSearchErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const savedSearch = await this.loadOwn(em, request, id);
      await em.softDelete(SavedSearch, { id });
      await this.emit(em, savedSearch, 'saved_search.deleted', { title: savedSearch.name });
    });
    return input.id;
  }

  /** Brings a saved search back from the trash. */
  async restore(request: RequestContext, input: { id: string }): Promise<SavedSearch> {
    const { id } = validateInput(idInput, input, SavedSearchErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const trashed = await em.findOne(SavedSearch, { where: { id }, withDeleted: true, lock: { mode: 'pessimistic_write' } });
      if (!trashed || trashed.createdBy !== requireUserId(request)) throw savedSearchNotFound();
      const result = await em.createQueryBuilder().restore().from(SavedSearch).where('id = :id', { id }).andWhere('deleted_at IS NOT NULL').execute();
      if (!result.affected) throw savedSearchNotFound();
      const savedSearch = await em.findOneByOrFail(SavedSearch, { id });
      await this.emit(em, savedSearch, 'saved_search.restored', {});
      return savedSearch;
    });
  }

  /** The caller's own saved search, locked; another's is NOT_FOUND (its existence is not confirmed). */
  private async loadOwn(em: EntityManager, request: RequestContext, id: string): Promise<SavedSearch> {
    const savedSearch = await this.access.loadForUpdate(em, request, 'read', id);
    if (savedSearch.createdBy !== requireUserId(request)) throw savedSearchNotFound();
    return savedSearch;
  }

  private emit(em: EntityManager, savedSearch: SavedSearch, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: savedSearch.orgId, subject: { type: 'SavedSearch', id: savedSearch.id }, data });
  }

  private query(em: EntityManager, filter: SavedSearchFilter | null | undefined) {
    const query = em.createQueryBuilder(SavedSearch, 'savedSearch');
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }
}
