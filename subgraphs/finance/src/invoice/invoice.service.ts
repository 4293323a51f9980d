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
import { Invoice } from './invoice.entity.js';
import { InvoiceErrorCode, invoiceNotFound } from './invoice.errors.js';
import type { InvoiceCreateInput, InvoiceFilter, InvoiceUpdateInput, InvoicesArgs } from './invoice.inputs.js';

const name = z.string().trim().min(1, 'Name is required').max(200, 'Name must be at most 200 characters');
const description = z.string().max(10_000, 'Description must be at most 10,000 characters').nullable();
const createInput = z.object({ name, description: description.optional() });
const updateInput = z.object({ id: globalIdOf('Invoice'), name: name.optional(), description: description.optional() });
const idInput = z.object({ id: globalIdOf('Invoice') });

/** The fields its events carry before and after a change. */
const TRACKED = TrackedFields.of(Invoice, ['name', 'description']);

const filterSpec: FilterSpec = {
  id: { path: 'invoice.id', kind: 'id', idType: 'Invoice' },
  name: { path: 'invoice.name', kind: 'string' },
  createdBy: { path: 'invoice.createdBy', kind: 'id', idType: 'User' },
  createdAt: { path: 'invoice.createdAt', kind: 'datetime' },
  updatedAt: { path: 'invoice.updatedAt', kind: 'datetime' },
};

const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'invoice.createdAt', sqlType: 'timestamptz' },
  updatedAt: { path: 'invoice.updatedAt', sqlType: 'timestamptz' },
  name: { path: 'invoice.name', sqlType: 'text' },
};
const idOrder: OrderField = { path: 'invoice.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];

/**
 * Invoices of the caller's organization: rules, permission checks, transactions, events and
 * queries. Members read and change every invoice; guests only those shared with them (or their
 * teams). Deleting moves an invoice to the trash; every change emits its event.
 */
export class InvoiceService {
  readonly access: AggregateAccess<Invoice>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {
    this.access = new AggregateAccess(db, authz, { type: 'Invoice', entity: Invoice, table: 'finance.invoices', notFound: invoiceNotFound });
  }

  async list(request: RequestContext, args: InvoicesArgs): Promise<Connection<Invoice>> {
    const readable = await this.access.readableIds(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => this.access.restrictToReadable(this.query(em, args.filter), 'invoice', readable),
      sort: sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder),
      args,
    });
  }

  async create(request: RequestContext, input: InvoiceCreateInput): Promise<Invoice> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.authz.require(request, 'write', 'Invoice');
    const valid = validateInput(createInput, input, InvoiceErrorCode.InvalidInput);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'invoiceCreate',
        input: valid,
        create: async () => {
          const invoice = await em.save(
            em.create(Invoice, { id: uuidv7(), orgId, name: valid.name, description: valid.description ?? null, createdBy: actorId }),
          );
          await this.emit(em, invoice, 'invoice.created', { after: TRACKED.snapshot(invoice) });
          return invoice;
        },
        load: (id) => em.findOneBy(Invoice, { id }),
      }),
    );
  }

  async update(request: RequestContext, input: InvoiceUpdateInput): Promise<Invoice> {
    const { id, ...changes } = validateInput(updateInput, input, InvoiceErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const invoice = await this.access.loadForUpdate(em, request, 'write', id);
      const before = TRACKED.snapshot(invoice);
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined) Object.assign(invoice, { [key]: value });
      }
      const saved = await em.save(invoice);
      const change = TRACKED.change(before, TRACKED.snapshot(saved));
      if (change) await this.emit(em, saved, 'invoice.updated', change);
      return saved;
    });
  }

  /** Moves an invoice to the trash (soft delete); it disappears from lists and references. */
  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    const { id } = validateInput(idInput, input, InvoiceErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const invoice = await this.access.loadForUpdate(em, request, 'write', id);
      await em.softDelete(Invoice, { id });
      await this.emit(em, invoice, 'invoice.deleted', { title: invoice.name });
    });
    return input.id;
  }

  /** Brings an invoice back from the trash. */
  async restore(request: RequestContext, input: { id: string }): Promise<Invoice> {
    const { id } = validateInput(idInput, input, InvoiceErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      await this.access.requireExisting(request, 'write', id, undefined, em);
      const result = await em.createQueryBuilder().restore().from(Invoice).where('id = :id', { id }).andWhere('deleted_at IS NOT NULL').execute();
      if (!result.affected) throw invoiceNotFound();
      const invoice = await em.findOneByOrFail(Invoice, { id });
      await this.emit(em, invoice, 'invoice.restored', {});
      return invoice;
    });
  }

  private emit(em: EntityManager, invoice: Invoice, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: invoice.orgId, subject: { type: 'Invoice', id: invoice.id }, data });
  }

  private query(em: EntityManager, filter: InvoiceFilter | null | undefined) {
    const query = em.createQueryBuilder(Invoice, 'invoice');
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }
}
