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
  type Database,
  type FilterSpec,
  type OrderField,
  type RequestContext,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Document } from './document.entity.js';
import { DocumentErrorCode, documentNotFound } from './document.errors.js';
import type { DocumentCreateInput, DocumentFilter, DocumentUpdateInput, DocumentsArgs } from './document.inputs.js';

const name = z.string().trim().min(1, 'Name is required').max(200, 'Name must be at most 200 characters');
const description = z.string().max(10_000, 'Description must be at most 10,000 characters').nullable();
const createInput = z.object({ name, description: description.optional() });
const updateInput = z.object({ id: globalIdOf('Document'), name: name.optional(), description: description.optional() });
const idInput = z.object({ id: globalIdOf('Document') });

/** The fields its events carry before and after a change. */
const TRACKED = TrackedFields.of(Document, ['name', 'description']);

const filterSpec: FilterSpec = {
  id: { path: 'document.id', kind: 'id', idType: 'Document' },
  name: { path: 'document.name', kind: 'string' },
  createdBy: { path: 'document.createdBy', kind: 'id', idType: 'User' },
  createdAt: { path: 'document.createdAt', kind: 'datetime' },
  updatedAt: { path: 'document.updatedAt', kind: 'datetime' },
};

const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'document.createdAt', sqlType: 'timestamptz' },
  updatedAt: { path: 'document.updatedAt', sqlType: 'timestamptz' },
  name: { path: 'document.name', sqlType: 'text' },
};
const idOrder: OrderField = { path: 'document.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];

/**
 * Documents of the caller's organization: rules, permission checks, transactions, events and
 * queries. Members read and change every document; guests only those shared with them (or their
 * teams). Deleting moves a document to the trash; every change emits its event.
 */
export class DocumentService {
  readonly access: AggregateAccess<Document>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {
    this.access = new AggregateAccess(db, authz, { type: 'Document', entity: Document, table: 'documents.documents', notFound: documentNotFound });
  }

  async list(request: RequestContext, args: DocumentsArgs): Promise<Connection<Document>> {
    const readable = await this.access.readableIds(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => this.access.restrictToReadable(this.query(em, args.filter), 'document', readable),
      sort: sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder),
      args,
    });
  }

  async create(request: RequestContext, input: DocumentCreateInput): Promise<Document> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.authz.require(request, 'write', 'Document');
    const valid = validateInput(createInput, input, DocumentErrorCode.InvalidInput);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'documentCreate',
        input: valid,
        create: async () => {
          const document = await em.save(
            em.create(Document, { id: uuidv7(), orgId, name: valid.name, description: valid.description ?? null, createdBy: actorId }),
          );
          await this.emit(em, document, 'document.created', { after: TRACKED.snapshot(document) });
          return document;
        },
        load: (id) => em.findOneBy(Document, { id }),
      }),
    );
  }

  async update(request: RequestContext, input: DocumentUpdateInput): Promise<Document> {
    const { id, ...changes } = validateInput(updateInput, input, DocumentErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const document = await this.access.loadForUpdate(em, request, 'write', id);
      const before = TRACKED.snapshot(document);
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined) Object.assign(document, { [key]: value });
      }
      const saved = await em.save(document);
      const change = TRACKED.change(before, TRACKED.snapshot(saved));
      if (change) await this.emit(em, saved, 'document.updated', change);
      return saved;
    });
  }

  /** Moves a document to the trash (soft delete); it disappears from lists and references. */
  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    const { id } = validateInput(idInput, input, DocumentErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const document = await this.access.loadForUpdate(em, request, 'write', id);
      await em.softDelete(Document, { id });
      await this.emit(em, document, 'document.deleted', { title: document.name });
    });
    return input.id;
  }

  /** Brings a document back from the trash. */
  async restore(request: RequestContext, input: { id: string }): Promise<Document> {
    const { id } = validateInput(idInput, input, DocumentErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      await this.access.requireExisting(request, 'write', id, undefined, em);
      const result = await em.createQueryBuilder().restore().from(Document).where('id = :id', { id }).andWhere('deleted_at IS NOT NULL').execute();
      if (!result.affected) throw documentNotFound();
      const document = await em.findOneByOrFail(Document, { id });
      await this.emit(em, document, 'document.restored', {});
      return document;
    });
  }

  private emit(em: EntityManager, document: Document, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: document.orgId, subject: { type: 'Document', id: document.id }, data });
  }

  private query(em: EntityManager, filter: DocumentFilter | null | undefined) {
    const query = em.createQueryBuilder(Document, 'document');
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }
}
