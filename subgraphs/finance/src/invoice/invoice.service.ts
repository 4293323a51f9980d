import {
  AggregateAccess,
  filterToSql,
  formatAmount,
  globalIdOf,
  idempotent,
  OrderDirection,
  paginate,
  paginateGroups,
  principalOrgId,
  requireOrgId,
  requireUserId,
  requireVisibleNodes,
  sortKeysFor,
  toGlobalId,
  UserInputError,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type Database,
  type FilterSpec,
  type GraphClient,
  type OrderField,
  type PublishedEvent,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import Big from 'big.js';
import { In, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { InvoiceLine } from './invoice-line.entity.js';
import { numberingPattern, patternProblem, previewInvoiceNumber, takeInvoiceNumber } from './invoice-numbering.js';
import {
  canTransition,
  isDeletable,
  isEditable,
  OPEN_STATUSES,
  OVERDUE_CANDIDATES,
  SETTLEABLE_STATUSES,
  settledStatus,
  type InvoiceStatusCause,
} from './invoice-status.js';
import { computeTotals, type InvoiceDiscountValue } from './invoice-totals.js';
import {
  addDays,
  checkDates,
  checkDiscount,
  checkLine,
  checkUnitPrice,
  daysBetween,
  MAX_INVOICE_LINES,
  todayUtc,
  type LineDraft,
} from './invoice-validation.js';
import { Invoice, InvoiceDiscountKind, InvoiceStatus } from './invoice.entity.js';
import {
  invoiceAmountTooLarge,
  invoiceContactNotFound,
  invoiceDealNotFound,
  InvoiceErrorCode,
  invoiceInvalidNumberPattern,
  invoiceInvalidTransition,
  invoiceLineNotFound,
  invoiceNotDeletable,
  invoiceNotEditable,
  invoiceNotFound,
  invoiceTooManyLines,
} from './invoice.errors.js';
import type {
  InvoiceCreateInput,
  InvoiceDuplicateInput,
  InvoiceFilter,
  InvoiceLineAddInput,
  InvoiceLineUpdateInput,
  InvoicesArgs,
  InvoiceSettings,
  InvoiceUpdateInput,
} from './invoice.inputs.js';
import { InvoiceChange } from './invoice.live.js';
import { financeErrorTexts } from '../messages.js';

/** The job that marks past-due invoices OVERDUE: hourly, so they turn overdue within the hour after their due date ends (UTC). */
export const INVOICE_OVERDUE_SWEEP_JOB = 'invoice.overdue-sweep';
export const INVOICE_OVERDUE_SWEEP_EVERY_MS = 60 * 60 * 1000;

/** Days from issue to due date when a create names no due date ("net 30"). */
const DEFAULT_PAYMENT_DAYS = 30;
const DEFAULT_CURRENCY = 'USD';
const MAX_TEXT = 10_000;

const text = z.string().max(MAX_TEXT, zodMessage(financeErrorTexts.textTooLong)).nullish();
const discount = z.object({ kind: z.enum(InvoiceDiscountKind), value: z.string() }).nullish();
const line = z.object({ description: z.string(), quantity: z.string().nullish(), unitPrice: z.string(), taxRate: z.string().nullish() });
const createInput = z.object({
  contactId: globalIdOf('Contact'),
  dealId: globalIdOf('Deal').nullish(),
  currencyCode: z.string().nullish(),
  issueDate: z.string().nullish(),
  dueDate: z.string().nullish(),
  discount,
  memo: text,
  terms: text,
  lines: z.array(line).nullish(),
});
const updateInput = z.object({
  id: globalIdOf('Invoice'),
  contactId: globalIdOf('Contact').nullish(),
  dealId: globalIdOf('Deal').nullish(),
  currencyCode: z.string().nullish(),
  issueDate: z.string().nullish(),
  dueDate: z.string().nullish(),
  discount,
  memo: text,
  terms: text,
});
const position = z.number().int().min(0, zodMessage(financeErrorTexts.positionMin)).nullish();
const lineAddInput = line.extend({ invoiceId: globalIdOf('Invoice'), position });
const lineUpdateInput = z.object({
  id: globalIdOf('InvoiceLine'),
  description: z.string().nullish(),
  quantity: z.string().nullish(),
  unitPrice: z.string().nullish(),
  taxRate: z.string().nullish(),
  position,
});
const idInput = z.object({ id: globalIdOf('Invoice') });
const lineIdInput = z.object({ id: globalIdOf('InvoiceLine') });
const duplicateInput = z.object({ id: globalIdOf('Invoice'), issueDate: z.string().nullish(), dueDate: z.string().nullish() });
const settingsInput = z.object({
  numberPattern: z.string().trim().min(1, zodMessage(financeErrorTexts.patternRequired)).max(40, zodMessage(financeErrorTexts.patternTooLong)),
});

/** Fields only a DRAFT may change (memo and terms may change until the invoice is VOID). */
const DRAFT_ONLY = ['contactId', 'dealId', 'currencyCode', 'issueDate', 'dueDate', 'discount'] as const;

/** What invoice events carry of an invoice (see contracts.ts). */
export type InvoiceFacts = ReturnType<typeof factsOf>;
const factsOf = (invoice: Invoice, lineCount: number) => ({
  number: invoice.number,
  status: invoice.status,
  contactId: invoice.contactId,
  dealId: invoice.dealId,
  currencyCode: invoice.currency,
  issueDate: invoice.issueDate,
  dueDate: invoice.dueDate,
  discount: invoice.discountKind && invoice.discountValue !== null ? { kind: invoice.discountKind, value: new Big(invoice.discountValue).toFixed() } : null,
  subtotal: invoice.subtotal.amount,
  discountTotal: invoice.discountTotal.amount,
  taxTotal: invoice.taxTotal.amount,
  total: invoice.total.amount,
  amountPaid: invoice.amountPaid.amount,
  memo: invoice.notes,
  terms: invoice.terms,
  lineCount,
});

/** A settlement, as payments (fin-pay) compute it from their ledger. */
export interface Settlement {
  /** Paid so far, net of refunds (≥ 0), in the invoice's currency. */
  amountPaid: string;
  /** Refunded so far (≥ 0); default 0. */
  amountRefunded?: string;
}

/** Overdue in the list's sense: OVERDUE, or open with the due date passed (the job may not have run yet). */
const OVERDUE_SQL = `(invoice.status = 'overdue' OR (invoice.status IN ('sent', 'viewed', 'partially_paid') AND invoice.dueDate < CURRENT_DATE))`;

const filterSpec: FilterSpec = {
  id: { path: 'invoice.id', kind: 'id', idType: 'Invoice' },
  number: { path: 'invoice.number', kind: 'string' },
  status: { path: 'invoice.status', kind: 'enum' },
  contact: { path: 'invoice.contactId', kind: 'id', idType: 'Contact' },
  deal: { path: 'invoice.dealId', kind: 'id', idType: 'Deal' },
  currencyCode: { path: 'invoice.currency', kind: 'string' },
  issueDate: { path: 'invoice.issueDate', kind: 'date' },
  dueDate: { path: 'invoice.dueDate', kind: 'date' },
  total: { path: 'invoice.totalAmount', kind: 'decimal' },
  amountDue: { path: 'invoice.dueAmount', kind: 'decimal' },
  overdue: { kind: 'computed', toSql: (input) => (input === null || input === undefined ? [] : [input ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`]) },
  createdBy: { path: 'invoice.createdBy', kind: 'id', idType: 'User' },
  createdAt: { path: 'invoice.createdAt', kind: 'datetime' },
  updatedAt: { path: 'invoice.updatedAt', kind: 'datetime' },
};

const orderFields: Record<string, OrderField> = {
  number: { path: 'invoice.number', sqlType: 'text' },
  issueDate: { path: 'invoice.issueDate', sqlType: 'date' },
  dueDate: { path: 'invoice.dueDate', sqlType: 'date' },
  total: { path: 'invoice.totalAmount', sqlType: 'numeric' },
  amountDue: { path: 'invoice.dueAmount', sqlType: 'numeric' },
  statusChangedAt: { path: 'invoice.statusChangedAt', sqlType: 'timestamptz' },
  createdAt: { path: 'invoice.createdAt', sqlType: 'timestamptz' },
  updatedAt: { path: 'invoice.updatedAt', sqlType: 'timestamptz' },
};
const idOrder: OrderField = { path: 'invoice.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];

/** The event each status has of its own, besides `invoice.status_changed`. */
const STATUS_EVENTS: Partial<Record<InvoiceStatus, string>> = {
  [InvoiceStatus.SENT]: 'invoice.sent',
  [InvoiceStatus.VIEWED]: 'invoice.viewed',
  [InvoiceStatus.PAID]: 'invoice.paid',
  [InvoiceStatus.OVERDUE]: 'invoice.overdue',
  [InvoiceStatus.VOID]: 'invoice.voided',
  [InvoiceStatus.REFUNDED]: 'invoice.refunded',
};

/**
 * Invoices of the caller's organization: numbering, lines and server-computed totals, the status
 * machine, permission checks, transactions, events and queries. Only a DRAFT's lines, amounts,
 * dates and customer change; the status moves only through `transition` (also for sending,
 * payments and the overdue job); only drafts go to the trash; every change emits its event.
 */
export class InvoiceService {
  readonly access: AggregateAccess<Invoice>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly graph: GraphClient,
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

  /** The lines of each invoice (readable ones: the caller loaded them), in position order, one statement for all. */
  async linesOf(request: RequestContext, invoices: readonly Invoice[]): Promise<InvoiceLine[][]> {
    const ids = invoices.map((invoice) => invoice.id);
    const rows = await this.db.transaction(request, (em) => em.find(InvoiceLine, { where: { invoiceId: In(ids) }, order: { position: 'ASC' } }));
    return invoices.map((invoice) => rows.filter((row) => row.invoiceId === invoice.id).map((row) => Object.assign(row, { currency: invoice.currency })));
  }

  async create(request: RequestContext, input: InvoiceCreateInput): Promise<Invoice> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.authz.require(request, 'write', 'Invoice');
    const valid = validateInput(createInput, input, InvoiceErrorCode.InvalidInput);
    const currency = valid.currencyCode ?? DEFAULT_CURRENCY;
    const issueDate = valid.issueDate ?? todayUtc();
    const dueDate = valid.dueDate ?? addDays(issueDate, DEFAULT_PAYMENT_DAYS);
    checkDates(issueDate, dueDate, ['input', 'dueDate']);
    const lines = this.checkLines(valid.lines ?? [], currency);
    const discountValue = checkDiscount(valid.discount ?? null, currency, ['input', 'discount']);
    await this.requireCustomer(request, valid.contactId, valid.dealId ?? null);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'invoiceCreate',
        input: { ...valid, currency, issueDate, dueDate },
        create: () =>
          this.insert(em, {
            orgId,
            createdBy: actorId,
            contactId: valid.contactId,
            dealId: valid.dealId ?? null,
            currency,
            issueDate,
            dueDate,
            discount: discountValue,
            notes: valid.memo ?? null,
            terms: valid.terms ?? null,
            lines,
          }),
        load: (id) => em.findOneBy(Invoice, { id }),
      }),
    );
  }

  async update(request: RequestContext, input: InvoiceUpdateInput): Promise<Invoice> {
    const { id, ...changes } = validateInput(updateInput, input, InvoiceErrorCode.InvalidInput);
    const draftOnly = DRAFT_ONLY.find((field) => changes[field] !== undefined);
    if (changes.contactId || changes.dealId) await this.requireCustomer(request, changes.contactId ?? null, changes.dealId ?? null);
    return this.db.transaction(request, async (em) => {
      const invoice = await this.access.loadForUpdate(em, request, 'write', id);
      if (draftOnly && !isEditable(invoice.status)) throw invoiceNotEditable(invoice.status, ['input', draftOnly]);
      if (invoice.status === InvoiceStatus.VOID) throw invoiceNotEditable(invoice.status, ['input', changes.memo !== undefined ? 'memo' : 'terms']);
      const lines = await this.lines(em, invoice);
      const before = factsOf(invoice, lines.length);
      if (changes.contactId) invoice.contactId = changes.contactId;
      if (changes.dealId !== undefined) invoice.dealId = changes.dealId;
      if (changes.currencyCode) {
        invoice.currency = changes.currencyCode;
        lines.forEach((line, index) => checkUnitPrice(new Big(line.unitPriceValue).toFixed(), invoice.currency, ['input', 'currencyCode', index]));
      }
      if (changes.issueDate) invoice.issueDate = changes.issueDate;
      if (changes.dueDate) invoice.dueDate = changes.dueDate;
      checkDates(invoice.issueDate, invoice.dueDate, ['input', changes.dueDate ? 'dueDate' : 'issueDate']);
      if (changes.discount !== undefined || changes.currencyCode) {
        const current = changes.discount !== undefined ? (changes.discount ?? null) : invoice.discount;
        this.setDiscount(
          invoice,
          checkDiscount(current ? { kind: current.kind, value: new Big(current.value).toFixed() } : null, invoice.currency, ['input', 'discount']),
        );
      }
      if (changes.memo !== undefined) invoice.notes = changes.memo;
      if (changes.terms !== undefined) invoice.terms = changes.terms;
      return this.saveChange(em, invoice, lines, before, []);
    });
  }

  async addLine(request: RequestContext, input: InvoiceLineAddInput): Promise<{ line: InvoiceLine; invoice: Invoice }> {
    const valid = validateInput(lineAddInput, input, InvoiceErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const invoice = await this.access.loadForUpdate(em, request, 'write', valid.invoiceId, ['input', 'invoiceId']);
      if (!isEditable(invoice.status)) throw invoiceNotEditable(invoice.status, ['input', 'invoiceId']);
      const draft = checkLine(lineDraft(valid), invoice.currency, ['input']);
      const lines = await this.lines(em, invoice);
      if (lines.length >= MAX_INVOICE_LINES) throw invoiceTooManyLines(MAX_INVOICE_LINES);
      const before = factsOf(invoice, lines.length);
      const line = this.newLine(invoice, draft, 0);
      lines.splice(Math.min(valid.position ?? lines.length, lines.length), 0, line);
      const saved = await this.saveChange(em, invoice, lines, before, ['lines']);
      return { line, invoice: saved };
    });
  }

  async updateLine(request: RequestContext, input: InvoiceLineUpdateInput): Promise<{ line: InvoiceLine; invoice: Invoice }> {
    const valid = validateInput(lineUpdateInput, input, InvoiceErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const { invoice, lines, line } = await this.lineForUpdate(em, request, valid.id);
      const before = factsOf(invoice, lines.length);
      const draft = checkLine(
        {
          description: valid.description ?? line.description,
          quantity: valid.quantity ?? new Big(line.quantityValue).toFixed(),
          unitPrice: valid.unitPrice ?? new Big(line.unitPriceValue).toFixed(),
          taxRate: valid.taxRate ?? new Big(line.taxRateValue).toFixed(),
        },
        invoice.currency,
        ['input'],
      );
      Object.assign(line, { description: draft.description, quantityValue: draft.quantity, unitPriceValue: draft.unitPrice, taxRateValue: draft.taxRate });
      if (valid.position !== undefined && valid.position !== null) {
        lines.splice(lines.indexOf(line), 1);
        lines.splice(Math.min(valid.position, lines.length), 0, line);
      }
      const saved = await this.saveChange(em, invoice, lines, before, ['lines']);
      return { line, invoice: saved };
    });
  }

  async removeLine(request: RequestContext, input: { id: string }): Promise<Invoice> {
    const { id } = validateInput(lineIdInput, input, InvoiceErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const { invoice, lines, line } = await this.lineForUpdate(em, request, id);
      const before = factsOf(invoice, lines.length);
      lines.splice(lines.indexOf(line), 1);
      await em.delete(InvoiceLine, { id: line.id });
      return this.saveChange(em, invoice, lines, before, ['lines']);
    });
  }

  /** Cancels an issued or draft invoice for good (`invoice.voided`); a PAID one is refunded instead. */
  async void(request: RequestContext, input: { id: string }): Promise<Invoice> {
    const { id } = validateInput(idInput, input, InvoiceErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const invoice = await this.access.loadForUpdate(em, request, 'write', id);
      return this.transition(em, invoice, InvoiceStatus.VOID, 'manual');
    });
  }

  /** A new DRAFT with a new number and the same customer, deal, currency, discount, memo, terms and lines (any status may be copied). */
  async duplicate(request: RequestContext, input: InvoiceDuplicateInput): Promise<Invoice> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    const valid = validateInput(duplicateInput, input, InvoiceErrorCode.InvalidInput);
    await this.access.requireExisting(request, 'read', valid.id);
    await this.authz.require(request, 'write', 'Invoice');
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'invoiceDuplicate',
        input: valid,
        create: async () => {
          const source = await em.findOneByOrFail(Invoice, { id: valid.id });
          const issueDate = valid.issueDate ?? todayUtc();
          const dueDate = valid.dueDate ?? addDays(issueDate, daysBetween(source.issueDate, source.dueDate));
          checkDates(issueDate, dueDate, ['input', 'dueDate']);
          const lines = (await this.lines(em, source)).map((line) => ({
            description: line.description,
            quantity: new Big(line.quantityValue).toFixed(),
            unitPrice: new Big(line.unitPriceValue).toFixed(),
            taxRate: new Big(line.taxRateValue).toFixed(),
          }));
          const copy = await this.insert(em, {
            orgId,
            createdBy: actorId,
            contactId: source.contactId,
            dealId: source.dealId,
            currency: source.currency,
            issueDate,
            dueDate,
            discount: source.discount ? { kind: source.discount.kind, value: source.discount.value } : null,
            notes: source.notes,
            terms: source.terms,
            lines,
          });
          await this.emit(em, copy, 'invoice.duplicated', { sourceId: source.id, number: copy.number, sourceNumber: source.number });
          return copy;
        },
        load: (id) => em.findOneBy(Invoice, { id }),
      }),
    );
  }

  /**
   * A new DRAFT copied from `source` (customer, deal, currency, discount, memo, terms and lines)
   * with a new number and the given dates, in the caller's transaction (scoped to the source's
   * organization): recurring invoices issue their periods with it. Emits `invoice.created`.
   */
  async issueCopy(em: EntityManager, source: Invoice, fields: { issueDate: string; dueDate: string; createdBy: string }): Promise<Invoice> {
    const lines = (await this.lines(em, source)).map((line) => ({
      description: line.description,
      quantity: new Big(line.quantityValue).toFixed(),
      unitPrice: new Big(line.unitPriceValue).toFixed(),
      taxRate: new Big(line.taxRateValue).toFixed(),
    }));
    return this.insert(em, {
      orgId: source.orgId,
      createdBy: fields.createdBy,
      contactId: source.contactId,
      dealId: source.dealId,
      currency: source.currency,
      issueDate: fields.issueDate,
      dueDate: fields.dueDate,
      discount: source.discount ? { kind: source.discount.kind, value: source.discount.value } : null,
      notes: source.notes,
      terms: source.terms,
      lines,
    });
  }

  /** Moves a DRAFT invoice to the trash (soft delete; its number stays taken); an issued one is voided instead. */
  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    const { id } = validateInput(idInput, input, InvoiceErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const invoice = await this.access.loadForUpdate(em, request, 'write', id);
      if (!isDeletable(invoice.status)) throw invoiceNotDeletable(invoice.status);
      await em.softDelete(Invoice, { id });
      await this.emit(em, invoice, 'invoice.deleted', { title: invoice.number });
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

  /** How the caller's organization numbers invoices (readers of invoices may see it). */
  async settings(request: RequestContext): Promise<InvoiceSettings> {
    const orgId = requireOrgId(request);
    await this.authz.require(request, 'read', 'Invoice');
    return this.db.transaction(request, async (em) => {
      const numberPattern = await numberingPattern(em, orgId);
      return { numberPattern, nextNumber: await previewInvoiceNumber(em, orgId, todayUtc(), numberPattern) };
    });
  }

  /** Sets the numbering pattern (owners and admins: `manage` on invoices). Numbers already given stay as they are. */
  async updateSettings(request: RequestContext, input: { numberPattern: string }): Promise<InvoiceSettings> {
    const orgId = requireOrgId(request);
    await this.authz.require(request, 'manage', 'Invoice');
    const { numberPattern } = validateInput(settingsInput, input, InvoiceErrorCode.InvalidInput);
    const problem = patternProblem(numberPattern);
    if (problem) throw invoiceInvalidNumberPattern(problem);
    return this.db.transaction(request, async (em) => {
      const before = await numberingPattern(em, orgId);
      await em.query(
        `INSERT INTO finance.invoice_numbering (org_id, pattern) VALUES ($1, $2)
         ON CONFLICT (org_id) DO UPDATE SET pattern = EXCLUDED.pattern, updated_at = now()`,
        [orgId, numberPattern],
      );
      if (before !== numberPattern) {
        await this.db.emit(em, {
          type: 'invoice.numbering_changed',
          orgId,
          subject: { type: 'Organization', id: orgId },
          data: { before, after: numberPattern },
        });
      }
      return { numberPattern, nextNumber: await previewInvoiceNumber(em, orgId, todayUtc(), numberPattern) };
    });
  }

  /**
   * Moves an invoice (loaded for update in `em`'s transaction, by a caller that checked permissions)
   * to `to` when INVOICE_TRANSITIONS allows it (INVOICE_INVALID_TRANSITION at `field` otherwise),
   * stamps sentAt/viewedAt/paidAt/voidedAt, and emits `invoice.status_changed` with its cause plus
   * the status's own event (`invoice.sent`, `invoice.paid`, … with `extra` merged into its data).
   * The one way every part of the module — sending, the public view, payments, the overdue job —
   * changes a status.
   */
  async transition(
    em: EntityManager,
    invoice: Invoice,
    to: InvoiceStatus,
    cause: InvoiceStatusCause,
    extra: Record<string, unknown> = {},
    field: (string | number)[] = ['input', 'id'],
  ): Promise<Invoice> {
    const from = invoice.status;
    if (!canTransition(from, to)) throw invoiceInvalidTransition(from, to, field);
    const now = new Date();
    invoice.status = to;
    invoice.statusChangedAt = now;
    if (to === InvoiceStatus.SENT) invoice.sentAt ??= now;
    if (to === InvoiceStatus.VIEWED) invoice.viewedAt ??= now;
    if (to === InvoiceStatus.VOID) invoice.voidedAt = now;
    invoice.paidAt = to === InvoiceStatus.PAID ? now : to === InvoiceStatus.REFUNDED ? invoice.paidAt : null;
    const saved = await em.save(invoice);
    const summary = {
      from,
      number: saved.number,
      contactId: saved.contactId,
      createdBy: saved.createdBy,
      currencyCode: saved.currency,
      total: saved.total.amount,
      amountDue: saved.amountDue.amount,
      dueDate: saved.dueDate,
    };
    await this.emit(em, saved, 'invoice.status_changed', { ...summary, to, cause });
    const own = STATUS_EVENTS[to];
    if (own) await this.emit(em, saved, own, { ...summary, ...(to === InvoiceStatus.PAID ? { amountPaid: saved.amountPaid.amount } : {}), ...extra });
    return saved;
  }

  /**
   * The customer opened the invoice (fin-send's public view): stamps viewedAt once, and moves a SENT
   * invoice to VIEWED (a paid or overdue one keeps its status). In the caller's transaction.
   */
  async markViewed(em: EntityManager, invoice: Invoice): Promise<Invoice> {
    if (invoice.status === InvoiceStatus.SENT) return this.transition(em, invoice, InvoiceStatus.VIEWED, 'view');
    if (invoice.viewedAt || invoice.status === InvoiceStatus.DRAFT) return invoice;
    invoice.viewedAt = new Date();
    return em.save(invoice);
  }

  /**
   * Applies a settlement — what payments (fin-pay) computed from their ledger — to an invoice, in
   * their transaction `em` (scoped to `orgId`, e.g. `db.transaction({ orgId, userId }, …)`):
   *  - locks the invoice row; INVOICE_NOT_FOUND when it does not exist (or is in the trash);
   *  - sets amount_paid to `settlement.amountPaid` (net of refunds, ≥ 0, rounded to the currency);
   *  - moves the status through `transition` (cause `settlement`) to `settledStatus`: PAID when the
   *    total is covered (paid_at set), PARTIALLY_PAID (OVERDUE past due) when part is, REFUNDED when
   *    refunds took it to 0, back to SENT/VIEWED/OVERDUE when a reversed payment leaves it unpaid;
   *  - emits `invoice.updated` (fields amountPaid and status) and the status's own event
   *    (`invoice.paid`, `invoice.overdue`, `invoice.refunded`).
   * Only issued invoices (SENT, VIEWED, PARTIALLY_PAID, OVERDUE, PAID) settle: a DRAFT, VOID or
   * REFUNDED one answers INVOICE_INVALID_TRANSITION. Idempotent: the same settlement twice changes
   * nothing the second time. Call it after every change of the ledger of the invoice.
   */
  async applySettlement(em: EntityManager, orgId: string, invoiceId: string, settlement: Settlement): Promise<Invoice> {
    const invoice = await em.findOne(Invoice, { where: { id: invoiceId, orgId }, lock: { mode: 'pessimistic_write' } });
    if (!invoice) throw invoiceNotFound(['input', 'invoiceId']);
    const paidText = formatAmount(settlement.amountPaid, invoice.currency);
    const paid = new Big(paidText);
    if (paid.lt(0)) throw new RangeError('A settlement’s amount paid cannot be negative');
    const to = settledStatus({
      status: invoice.status,
      paidVersusTotal: paid.cmp(invoice.totalAmount) as -1 | 0 | 1,
      anythingPaid: paid.gt(0),
      refunded: new Big(settlement.amountRefunded ?? '0').gt(0),
      pastDue: invoice.dueDate < todayUtc(),
      viewed: invoice.viewedAt !== null,
    });
    if (!SETTLEABLE_STATUSES.includes(invoice.status)) throw invoiceInvalidTransition(invoice.status, to, ['input', 'invoiceId']);
    const lineCount = await em.countBy(InvoiceLine, { invoiceId });
    const before = factsOf(invoice, lineCount);
    invoice.paidAmount = paidText;
    let saved = await em.save(invoice);
    if (to !== invoice.status) saved = await this.transition(em, saved, to, 'settlement', {}, ['input', 'invoiceId']);
    await this.emitUpdated(em, saved, before, factsOf(saved, lineCount), []);
    return saved;
  }

  /**
   * The overdue job: every SENT, VIEWED or PARTIALLY_PAID invoice whose due date has passed
   * (before `today`, UTC) becomes OVERDUE (`invoice.overdue`). Idempotent: each is checked again
   * under its row lock, and an overdue one is no longer found.
   */
  async markOverdue(today: string = todayUtc()): Promise<number> {
    const due: { id: string; org_id: string }[] = await this.db.maintenanceTransaction((em) =>
      em.query(
        `SELECT id, org_id FROM finance.invoices
         WHERE deleted_at IS NULL AND status = ANY($1::text[]) AND due_date < $2::date ORDER BY due_date LIMIT 10000`,
        [OVERDUE_CANDIDATES, today],
      ),
    );
    let marked = 0;
    for (const row of due) {
      const done = await this.db.transaction({ orgId: row.org_id, userId: null }, async (em) => {
        const invoice = await em.findOne(Invoice, { where: { id: row.id }, lock: { mode: 'pessimistic_write' } });
        if (!invoice || !OVERDUE_CANDIDATES.includes(invoice.status) || invoice.dueDate >= today) return false;
        await this.transition(em, invoice, InvoiceStatus.OVERDUE, 'overdue');
        return true;
      });
      if (done) marked++;
    }
    return marked;
  }

  /** One `invoice.*` event for an `invoiceChanged(id:)` subscriber: null when it is another invoice's or the subscriber cannot read it. */
  async liveChange(request: RequestContext, event: PublishedEvent, filter: { id: string }): Promise<InvoiceChange | null> {
    if (event.subject?.type !== 'Invoice' || !event.type.startsWith('invoice.') || event.orgId !== principalOrgId(request.principal)) return null;
    if (event.subject.id !== filter.id) return null;
    const invoice = await this.db.transaction(request, (em) => em.findOne(Invoice, { where: { id: filter.id }, withDeleted: true }));
    if (!invoice) return null;
    const [reads] = await this.access.readableOf(request, [invoice]);
    if (!reads) return null;
    return Object.assign(new InvoiceChange(), {
      event: event.type,
      occurredAt: new Date(event.occurredAt),
      invoiceId: toGlobalId('Invoice', invoice.id),
      invoice: invoice.deletedAt ? null : invoice,
      changedFields: event.type === 'invoice.updated' && Array.isArray(event.data?.fields) ? (event.data.fields as string[]) : [],
      actorId: event.actorId,
    });
  }

  /** Per contact and currency, Σ amount due of its open invoices (SENT, VIEWED, PARTIALLY_PAID, OVERDUE) the caller reads, by Postgres. */
  async balancesDue(request: RequestContext, contactIds: readonly string[]): Promise<{ contact_id: string; currency: string; due: string }[]> {
    const readable = await this.access.readableIds(request);
    return this.db.transaction(request, (em) => {
      const query = em
        .createQueryBuilder(Invoice, 'invoice')
        .select('invoice.contactId', 'contact_id')
        .addSelect('invoice.currency', 'currency')
        .addSelect('sum(invoice.dueAmount)::text', 'due')
        .where('invoice.contactId IN (:...contactIds)', { contactIds })
        .andWhere('invoice.status IN (:...open)', { open: OPEN_STATUSES })
        .groupBy('invoice.contactId')
        .addGroupBy('invoice.currency')
        .orderBy('invoice.currency');
      return this.access.restrictToReadable(query, 'invoice', readable).getRawMany();
    });
  }

  /** One page of the readable invoices of each group (`invoice.contactId` or `invoice.dealId`), one statement for all. */
  async listGrouped(request: RequestContext, groupPath: string, groups: readonly string[], args: InvoicesArgs): Promise<Connection<Invoice>[]> {
    const readable = await this.access.readableIds(request);
    return paginateGroups(
      {
        db: this.db,
        scope: request,
        entity: Invoice,
        build: (em) => this.access.restrictToReadable(this.query(em, args.filter), 'invoice', readable),
        alias: 'invoice',
        groupPath,
        idProperty: 'id',
        sort: sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder),
        args,
      },
      groups,
    );
  }

  /** Lines of an invoice, in position order, in `em`'s transaction. */
  private async lines(em: EntityManager, invoice: Invoice): Promise<InvoiceLine[]> {
    const lines = await em.find(InvoiceLine, { where: { invoiceId: invoice.id }, order: { position: 'ASC' } });
    return lines.map((line) => Object.assign(line, { currency: invoice.currency }));
  }

  /** A line and its DRAFT invoice, locked for a change by a caller allowed to write the invoice. */
  private async lineForUpdate(em: EntityManager, request: RequestContext, lineId: string) {
    const found = await em.findOneBy(InvoiceLine, { id: lineId });
    if (!found) throw invoiceLineNotFound();
    const invoice = await this.access.loadForUpdate(em, request, 'write', found.invoiceId).catch((error: unknown) => {
      throw error instanceof UserInputError && error.errors[0]?.code === InvoiceErrorCode.NotFound ? invoiceLineNotFound() : error;
    });
    if (!isEditable(invoice.status)) throw invoiceNotEditable(invoice.status);
    const lines = await this.lines(em, invoice);
    const line = lines.find((candidate) => candidate.id === lineId);
    if (!line) throw invoiceLineNotFound();
    return { invoice, lines, line };
  }

  private checkLines(lines: z.infer<typeof line>[], currency: string): LineDraft[] {
    if (lines.length > MAX_INVOICE_LINES) throw invoiceTooManyLines(MAX_INVOICE_LINES);
    return lines.map((entry, index) => checkLine(lineDraft(entry), currency, ['input', 'lines', index]));
  }

  /** The contact (and deal) must exist and be readable by the caller in its organization: asked of the graph (the CRM owns them). */
  private async requireCustomer(request: RequestContext, contactId: string | null, dealId: string | null): Promise<void> {
    const wanted = [
      ...(contactId ? [{ id: toGlobalId('Contact', contactId), notFound: () => invoiceContactNotFound() }] : []),
      ...(dealId ? [{ id: toGlobalId('Deal', dealId), notFound: () => invoiceDealNotFound() }] : []),
    ];
    await requireVisibleNodes(
      this.graph,
      request,
      wanted.map((entry) => entry.id),
      (index) => wanted[index]!.notFound(),
    );
  }

  private async insert(
    em: EntityManager,
    fields: {
      orgId: string;
      createdBy: string;
      contactId: string;
      dealId: string | null;
      currency: string;
      issueDate: string;
      dueDate: string;
      discount: InvoiceDiscountValue;
      notes: string | null;
      terms: string | null;
      lines: LineDraft[];
    },
  ): Promise<Invoice> {
    const invoice = em.create(Invoice, {
      id: uuidv7(),
      orgId: fields.orgId,
      number: await takeInvoiceNumber(em, fields.orgId, fields.issueDate),
      contactId: fields.contactId,
      dealId: fields.dealId,
      status: InvoiceStatus.DRAFT,
      issueDate: fields.issueDate,
      dueDate: fields.dueDate,
      currency: fields.currency,
      paidAmount: '0',
      notes: fields.notes,
      terms: fields.terms,
      sentAt: null,
      viewedAt: null,
      paidAt: null,
      voidedAt: null,
      createdBy: fields.createdBy,
    });
    this.setDiscount(invoice, fields.discount);
    const lines = fields.lines.map((draft, index) => this.newLine(invoice, draft, index));
    this.recompute(invoice, lines);
    const saved = await em.save(invoice);
    await em.save(lines);
    await this.emit(em, saved, 'invoice.created', { after: factsOf(saved, lines.length), createdBy: saved.createdBy });
    return saved;
  }

  private newLine(invoice: Invoice, draft: LineDraft, position: number): InvoiceLine {
    return Object.assign(new InvoiceLine(), {
      id: uuidv7(),
      orgId: invoice.orgId,
      invoiceId: invoice.id,
      currency: invoice.currency,
      position,
      description: draft.description,
      quantityValue: draft.quantity,
      unitPriceValue: draft.unitPrice,
      taxRateValue: draft.taxRate,
    });
  }

  private setDiscount(invoice: Invoice, discount: InvoiceDiscountValue): void {
    invoice.discountKind = (discount?.kind as InvoiceDiscountKind | undefined) ?? null;
    invoice.discountValue = discount?.value ?? null;
  }

  /** The lines' positions (0…n-1 in order) and every amount of lines and invoice, from the figures; INVOICE_AMOUNT_TOO_LARGE past 15 digits. */
  private recompute(invoice: Invoice, lines: InvoiceLine[]): void {
    const totals = computeTotals(
      invoice.currency,
      lines.map((line) => ({ quantity: line.quantityValue, unitPrice: line.unitPriceValue, taxRate: line.taxRateValue })),
      invoice.discount ? { kind: invoice.discount.kind, value: invoice.discount.value } : null,
    );
    const limit = new Big(10).pow(15);
    if (new Big(totals.subtotal).gte(limit) || new Big(totals.total).gte(limit)) throw invoiceAmountTooLarge();
    lines.forEach((line, index) => {
      line.position = index;
      line.currency = invoice.currency;
      line.amountValue = totals.lines[index]!.amount;
      line.discountAmountValue = totals.lines[index]!.discountAmount;
      line.taxAmountValue = totals.lines[index]!.taxAmount;
    });
    invoice.subtotalAmount = totals.subtotal;
    invoice.discountTotalAmount = totals.discountTotal;
    invoice.taxTotalAmount = totals.taxTotal;
    invoice.totalAmount = totals.total;
  }

  /** Recomputes, saves the invoice and its lines, and emits `invoice.updated` for what changed (`lines` named when they did). */
  private async saveChange(em: EntityManager, invoice: Invoice, lines: InvoiceLine[], before: InvoiceFacts, alsoChanged: string[]): Promise<Invoice> {
    this.recompute(invoice, lines);
    const saved = await em.save(invoice);
    if (lines.length) await em.save(lines);
    await this.emitUpdated(em, saved, before, factsOf(saved, lines.length), alsoChanged);
    return saved;
  }

  private async emitUpdated(em: EntityManager, invoice: Invoice, before: InvoiceFacts, after: InvoiceFacts, alsoChanged: string[]): Promise<void> {
    const keys = (Object.keys(after) as (keyof InvoiceFacts)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    if (!keys.length && !alsoChanged.length) return;
    const pick = (facts: InvoiceFacts) => Object.fromEntries(keys.map((key) => [key, facts[key]]));
    await this.emit(em, invoice, 'invoice.updated', { fields: [...alsoChanged, ...keys], before: pick(before), after: pick(after), number: invoice.number });
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

/** A line input with its defaults (quantity 1, tax rate 0). */
function lineDraft(input: { description: string; quantity?: string | null; unitPrice: string; taxRate?: string | null }): LineDraft {
  return { description: input.description, quantity: input.quantity ?? '1', unitPrice: input.unitPrice, taxRate: input.taxRate ?? '0' };
}
