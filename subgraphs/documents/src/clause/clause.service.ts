import {
  AggregateAccess,
  filterToSql,
  globalIdOf,
  idempotent,
  OrderDirection,
  paginate,
  requireOrgId,
  requireUserId,
  sortKeysFor,
  TrackedFields,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type ConnectionArgs,
  type Database,
  type FilterSpec,
  type OrderField,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { sanitizeContent } from '../document/content-html.js';
import { Clause, ClauseVersion } from './clause.entity.js';
import { ClauseErrorCode, clauseNotFound } from './clause.errors.js';
import type { ClauseCreateInput, ClauseFilter, ClausesArgs, ClauseUpdateInput } from './clause.inputs.js';
import { documentErrorTexts } from '../messages.js';

/** Largest clause body accepted, in characters of the HTML sent (and kept). */
export const MAX_CLAUSE_BODY = 128 * 1024;

const title = z.string().trim().min(1, zodMessage(documentErrorTexts.titleRequired)).max(200, zodMessage(documentErrorTexts.titleTooLong200));
const category = z.string().trim().min(1, zodMessage(documentErrorTexts.categoryRequired)).max(100, zodMessage(documentErrorTexts.categoryTooLong));
/** The body as stored: the same allow-list as document content (scripts, handlers, unsafe links dropped). */
export const clauseBody = z
  .string()
  .max(MAX_CLAUSE_BODY, zodMessage(documentErrorTexts.clauseBodyTooLong, { max: String(MAX_CLAUSE_BODY) }))
  .transform((html) => sanitizeContent(html))
  .refine((html) => html.length <= MAX_CLAUSE_BODY, zodMessage(documentErrorTexts.clauseBodyTooLong, { max: String(MAX_CLAUSE_BODY) }));
const createInput = z.object({ title, category, body: clauseBody, includeByDefault: z.boolean().nullish() });
const updateInput = z.object({
  id: globalIdOf('Clause'),
  title: title.optional(),
  category: category.optional(),
  body: clauseBody.optional(),
  includeByDefault: z.boolean().optional(),
});
const idInput = z.object({ id: globalIdOf('Clause') });

/** The fields its events carry before and after a change (the body's change shows as a new `version`). */
export const CLAUSE_TRACKED = TrackedFields.of(Clause, ['title', 'category', 'includeByDefault', 'version']);

const filterSpec: FilterSpec = {
  id: { path: 'clause.id', kind: 'id', idType: 'Clause' },
  title: { path: 'clause.title', kind: 'string' },
  category: { path: 'clause.category', kind: 'string' },
  includeByDefault: { path: 'clause.includeByDefault', kind: 'boolean' },
  version: { path: 'clause.version', kind: 'int' },
  createdBy: { path: 'clause.createdBy', kind: 'id', idType: 'User' },
  createdAt: { path: 'clause.createdAt', kind: 'datetime' },
  updatedAt: { path: 'clause.updatedAt', kind: 'datetime' },
};

const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'clause.createdAt', sqlType: 'timestamptz' },
  updatedAt: { path: 'clause.updatedAt', sqlType: 'timestamptz' },
  title: { path: 'clause.title', sqlType: 'text' },
  category: { path: 'clause.category', sqlType: 'text' },
};
const idOrder: OrderField = { path: 'clause.id', sqlType: 'uuid' };
const byCategoryThenTitle = [
  { field: 'category', direction: OrderDirection.ASC },
  { field: 'title', direction: OrderDirection.ASC },
];

/**
 * The organization's clause library: rules, permission checks, transactions, events and queries.
 * Members read and change every clause (guests only those shared with them); a new body is a new
 * version, the earlier ones are kept. Deleting moves a clause to the trash.
 */
export class ClauseService {
  readonly access: AggregateAccess<Clause>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {
    this.access = new AggregateAccess(db, authz, { type: 'Clause', entity: Clause, table: 'documents.clauses', notFound: clauseNotFound });
  }

  async list(request: RequestContext, args: ClausesArgs): Promise<Connection<Clause>> {
    const readable = await this.access.readableIds(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => this.access.restrictToReadable(this.query(em, args.filter), 'clause', readable),
      sort: sortKeysFor(args.orderBy, orderFields, byCategoryThenTitle, idOrder),
      args,
    });
  }

  /** A clause's versions, newest first (the caller reads the clause: its field checked that). */
  versions(request: RequestContext, clause: Clause, args: ConnectionArgs): Promise<Connection<ClauseVersion>> {
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => em.createQueryBuilder(ClauseVersion, 'version').where('version.clause_id = :clauseId', { clauseId: clause.id }),
      sort: [
        { name: 'number', path: 'version.number', direction: 'DESC', sqlType: 'int' },
        { name: 'id', path: 'version.id', direction: 'DESC', sqlType: 'uuid' },
      ],
      args,
    });
  }

  async create(request: RequestContext, input: ClauseCreateInput): Promise<Clause> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.authz.require(request, 'write', 'Clause');
    const valid = validateInput(createInput, input, ClauseErrorCode.InvalidInput);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'clauseCreate',
        input: valid,
        create: async () => {
          const clause = await em.save(
            em.create(Clause, {
              id: uuidv7(),
              orgId,
              title: valid.title,
              category: valid.category,
              body: valid.body,
              includeByDefault: valid.includeByDefault ?? false,
              version: 1,
              createdBy: actorId,
            }),
          );
          await this.saveVersion(em, clause, actorId);
          await this.emit(em, clause, 'clause.created', { after: CLAUSE_TRACKED.snapshot(clause) });
          return clause;
        },
        load: (id) => em.findOneBy(Clause, { id }),
      }),
    );
  }

  async update(request: RequestContext, input: ClauseUpdateInput): Promise<Clause> {
    const actorId = requireUserId(request);
    const { id, body, ...changes } = validateInput(updateInput, input, ClauseErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const clause = await this.access.loadForUpdate(em, request, 'write', id);
      const before = CLAUSE_TRACKED.snapshot(clause);
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined) Object.assign(clause, { [key]: value });
      }
      const newBody = body !== undefined && body !== clause.body;
      if (newBody) Object.assign(clause, { body, version: clause.version + 1 });
      const saved = await em.save(clause);
      if (newBody) await this.saveVersion(em, saved, actorId);
      const change = CLAUSE_TRACKED.change(before, CLAUSE_TRACKED.snapshot(saved));
      if (change) await this.emit(em, saved, 'clause.updated', change);
      return saved;
    });
  }

  /** Moves a clause to the trash: it leaves the library (documents keep the text they hold). */
  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    const { id } = validateInput(idInput, input, ClauseErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const clause = await this.access.loadForUpdate(em, request, 'write', id);
      await em.softDelete(Clause, { id });
      await this.emit(em, clause, 'clause.deleted', { title: clause.title });
    });
    return input.id;
  }

  /** Brings a clause back from the trash. */
  async restore(request: RequestContext, input: { id: string }): Promise<Clause> {
    const { id } = validateInput(idInput, input, ClauseErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      await this.access.requireExisting(request, 'write', id, undefined, em);
      const result = await em.createQueryBuilder().restore().from(Clause).where('id = :id', { id }).andWhere('deleted_at IS NOT NULL').execute();
      if (!result.affected) throw clauseNotFound();
      const clause = await em.findOneByOrFail(Clause, { id });
      await this.emit(em, clause, 'clause.restored', {});
      return clause;
    });
  }

  private saveVersion(em: EntityManager, clause: Clause, authorId: string): Promise<ClauseVersion> {
    return em.save(em.create(ClauseVersion, { id: uuidv7(), orgId: clause.orgId, clauseId: clause.id, number: clause.version, body: clause.body, authorId }));
  }

  private emit(em: EntityManager, clause: Clause, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: clause.orgId, subject: { type: 'Clause', id: clause.id }, data });
  }

  private query(em: EntityManager, filter: ClauseFilter | null | undefined) {
    const query = em.createQueryBuilder(Clause, 'clause');
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }
}
