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
import { AuditEntry } from './audit-entry.entity.js';
import { AuditEntryErrorCode, auditEntryNotFound } from './audit-entry.errors.js';
import type { AuditEntryCreateInput, AuditEntryFilter, AuditEntryUpdateInput, AuditEntriesArgs } from './audit-entry.inputs.js';

const name = z.string().trim().min(1, 'Name is required').max(200, 'Name must be at most 200 characters');
const description = z.string().max(10_000, 'Description must be at most 10,000 characters').nullable();
const createInput = z.object({ name, description: description.optional() });
const updateInput = z.object({ id: globalIdOf('AuditEntry'), name: name.optional(), description: description.optional() });
const idInput = z.object({ id: globalIdOf('AuditEntry') });

/** The fields its events carry before and after a change. */
const TRACKED = TrackedFields.of(AuditEntry, ['name', 'description']);

const filterSpec: FilterSpec = {
  id: { path: 'auditEntry.id', kind: 'id', idType: 'AuditEntry' },
  name: { path: 'auditEntry.name', kind: 'string' },
  createdBy: { path: 'auditEntry.createdBy', kind: 'id', idType: 'User' },
  createdAt: { path: 'auditEntry.createdAt', kind: 'datetime' },
  updatedAt: { path: 'auditEntry.updatedAt', kind: 'datetime' },
};

const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'auditEntry.createdAt', sqlType: 'timestamptz' },
  updatedAt: { path: 'auditEntry.updatedAt', sqlType: 'timestamptz' },
  name: { path: 'auditEntry.name', sqlType: 'text' },
};
const idOrder: OrderField = { path: 'auditEntry.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];

/**
 * Audit entries of the caller's organization: rules, permission checks, transactions, events and
 * queries. Members read and change every audit entry; guests only those shared with them (or their
 * teams). Deleting moves an audit entry to the trash; every change emits its event.
 */
export class AuditEntryService {
  readonly access: AggregateAccess<AuditEntry>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {
    this.access = new AggregateAccess(db, authz, { type: 'AuditEntry', entity: AuditEntry, table: 'audit.audit_entries', notFound: auditEntryNotFound });
  }

  async list(request: RequestContext, args: AuditEntriesArgs): Promise<Connection<AuditEntry>> {
    const readable = await this.access.readableIds(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => this.access.restrictToReadable(this.query(em, args.filter), 'auditEntry', readable),
      sort: sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder),
      args,
    });
  }

  async create(request: RequestContext, input: AuditEntryCreateInput): Promise<AuditEntry> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.authz.require(request, 'write', 'AuditEntry');
    const valid = validateInput(createInput, input, AuditEntryErrorCode.InvalidInput);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'auditEntryCreate',
        input: valid,
        create: async () => {
          const auditEntry = await em.save(
            em.create(AuditEntry, { id: uuidv7(), orgId, name: valid.name, description: valid.description ?? null, createdBy: actorId }),
          );
          await this.emit(em, auditEntry, 'audit_entry.created', { after: TRACKED.snapshot(auditEntry) });
          return auditEntry;
        },
        load: (id) => em.findOneBy(AuditEntry, { id }),
      }),
    );
  }

  async update(request: RequestContext, input: AuditEntryUpdateInput): Promise<AuditEntry> {
    const { id, ...changes } = validateInput(updateInput, input, AuditEntryErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const auditEntry = await this.access.loadForUpdate(em, request, 'write', id);
      const before = TRACKED.snapshot(auditEntry);
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined) Object.assign(auditEntry, { [key]: value });
      }
      const saved = await em.save(auditEntry);
      const change = TRACKED.change(before, TRACKED.snapshot(saved));
      if (change) await this.emit(em, saved, 'audit_entry.updated', change);
      return saved;
    });
  }

  /** Moves an audit entry to the trash (soft delete); it disappears from lists and references. */
  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    const { id } = validateInput(idInput, input, AuditEntryErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const auditEntry = await this.access.loadForUpdate(em, request, 'write', id);
      await em.softDelete(AuditEntry, { id });
      await this.emit(em, auditEntry, 'audit_entry.deleted', { title: auditEntry.name });
    });
    return input.id;
  }

  /** Brings an audit entry back from the trash. */
  async restore(request: RequestContext, input: { id: string }): Promise<AuditEntry> {
    const { id } = validateInput(idInput, input, AuditEntryErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      await this.access.requireExisting(request, 'write', id, undefined, em);
      const result = await em.createQueryBuilder().restore().from(AuditEntry).where('id = :id', { id }).andWhere('deleted_at IS NOT NULL').execute();
      if (!result.affected) throw auditEntryNotFound();
      const auditEntry = await em.findOneByOrFail(AuditEntry, { id });
      await this.emit(em, auditEntry, 'audit_entry.restored', {});
      return auditEntry;
    });
  }

  private emit(em: EntityManager, auditEntry: AuditEntry, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: auditEntry.orgId, subject: { type: 'AuditEntry', id: auditEntry.id }, data });
  }

  private query(em: EntityManager, filter: AuditEntryFilter | null | undefined) {
    const query = em.createQueryBuilder(AuditEntry, 'auditEntry');
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }
}
