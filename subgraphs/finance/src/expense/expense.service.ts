import {
  AggregateAccess,
  currencyExponent,
  moduleObject,
  objectKey,
  policyWriter,
  requireReferencesIn,
  userSubject,
  filterToSql,
  fitsCurrency,
  forbidden,
  formatAmount,
  globalIdOf,
  idempotent,
  isCurrencyCode,
  OrderDirection,
  paginate,
  parseDecimal,
  requireOrgId,
  requireUserId,
  sortKeysFor,
  toGlobalId,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type Database,
  type FilterSpec,
  type GraphClient,
  type Action,
  type OrderField,
  type RequestContext,
  zodMessage,
  text,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { requireReadableFile } from './expense-receipt.js';
import { mayMove } from './expense-status.js';
import { Expense, ExpenseCategory, ExpenseStatus } from './expense.entity.js';
import {
  ExpenseErrorCode,
  expenseAmountNotOfCurrency,
  expenseInvalidCurrency,
  expenseInvalidTransition,
  expenseNegativeAmount,
  expenseNotEditable,
  expenseNotFound,
  expenseReceiptNotFound,
  expenseSelfApproval,
} from './expense.errors.js';
import type { ExpenseFilter, ExpenseRejectInput, ExpensesArgs, ExpenseSubmitInput, ExpenseUpdateInput } from './expense.inputs.js';
import { financeErrorTexts } from '../messages.js';

const description = z.string().trim().max(500, zodMessage(financeErrorTexts.descriptionTooLong)).nullable();
const vendor = z.string().trim().max(200, zodMessage(financeErrorTexts.vendorTooLong)).nullable();
/** A date of spending: not after tomorrow (UTC), whatever the submitter's time zone. */
const expenseDate = z
  .string()
  .refine((date) => date <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), zodMessage(financeErrorTexts.expenseDateFuture));
const submitInput = z.object({
  category: z.enum(ExpenseCategory),
  amount: z.string(),
  currencyCode: z.string(),
  expenseDate,
  description: description.optional(),
  vendor: vendor.optional(),
  receiptId: globalIdOf('File').nullish(),
});
const updateInput = z.object({
  id: globalIdOf('Expense'),
  category: z.enum(ExpenseCategory).nullish(),
  amount: z.string().nullish(),
  currencyCode: z.string().nullish(),
  expenseDate: expenseDate.nullish(),
  description: description.optional(),
  vendor: vendor.optional(),
  receiptId: globalIdOf('File').nullish(),
});
const rejectInput = z.object({
  id: globalIdOf('Expense'),
  reason: z.string().trim().min(1, zodMessage(financeErrorTexts.reasonRequired)).max(1000, zodMessage(financeErrorTexts.reasonTooLong)),
});
const idInput = z.object({ id: globalIdOf('Expense') });

/** Organization roles that manage money everywhere: with holders of a finance OWNER module grant, they approve, reject and reimburse. */
const FINANCE_MANAGER_ROLES = ['owner', 'admin'] as const;
/** Organization roles whose people submit expenses without any finance grant (every employee; guests are not). */
const SUBMITTER_ROLES = ['owner', 'admin', 'member'];

const filterSpec: FilterSpec = {
  id: { path: 'expense.id', kind: 'id', idType: 'Expense' },
  status: { path: 'expense.status', kind: 'enum' },
  category: { path: 'expense.category', kind: 'enum' },
  submitter: { path: 'expense.submittedBy', kind: 'id', idType: 'User' },
  approver: { path: 'expense.decidedBy', kind: 'id', idType: 'User' },
  expenseDate: { path: 'expense.expenseDate', kind: 'date' },
  amount: { path: 'expense.amountValue', kind: 'decimal' },
  currencyCode: { path: 'expense.currency', kind: 'string' },
  vendor: { path: 'expense.vendor', kind: 'string' },
  createdAt: { path: 'expense.createdAt', kind: 'datetime' },
};

const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'expense.createdAt', sqlType: 'timestamptz' },
  expenseDate: { path: 'expense.expenseDate', sqlType: 'date' },
  amount: { path: 'expense.amountValue', sqlType: 'numeric' },
  vendor: { path: 'expense.vendor', sqlType: 'text' },
};
const idOrder: OrderField = { path: 'expense.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];

/** What expense events tell of an expense (global ids; the amount with the currency's minor units). */
export function expenseSnapshot(expense: Expense) {
  return {
    category: expense.category,
    amount: formatAmount(expense.amountValue, expense.currency),
    currencyCode: expense.currency,
    expenseDate: expense.expenseDate,
    description: expense.description,
    vendor: expense.vendor,
    receiptId: expense.receiptFileId && toGlobalId('File', expense.receiptFileId),
  };
}
type Snapshot = ReturnType<typeof expenseSnapshot>;

/** The amount of an input, checked: greater than zero, the currency's minor units at most, 15 integer digits. */
function checkedMoney(amount: string, currency: string): { amount: string; currency: string } {
  if (!isCurrencyCode(currency)) throw expenseInvalidCurrency();
  if (amount.startsWith('-') || /^0+(\.0+)?$/.test(amount)) throw expenseNegativeAmount();
  if (!fitsCurrency(amount, currency)) throw expenseAmountNotOfCurrency(currency, currencyExponent(currency));
  return { amount, currency };
}

/**
 * Expenses of the caller's organization, in the restricted finance module. Every member (not a
 * guest) submits expenses without a finance grant, and reads their own, changes them while pending
 * and trashes them while pending or rejected: the submitter is judged by the row (`submitted_by`)
 * here, and is granted editor on the expense in the policy store in the submitting transaction, so
 * other processes (comments, links, tags, notifications) agree. Who may read the Expense type
 * (owners, admins, any finance module grant) reads all expenses; finance managers — owners, admins
 * and holders of a finance OWNER module grant, `manage` on the type — approve or reject pending
 * ones (never their own) and mark approved ones reimbursed. The receipt is a File the caller can
 * read, checked through the graph. Every change emits its event; `expense.submitted` names the
 * approvers to notify.
 */
export class ExpenseService {
  readonly access: AggregateAccess<Expense>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly graph: GraphClient,
  ) {
    this.access = new AggregateAccess(db, authz, {
      type: 'Expense',
      entity: Expense,
      table: 'finance.expenses',
      notFound: expenseNotFound,
      readableOf: async (request, rows) => {
        const allowed = await authz.allowed(
          request,
          'read',
          'Expense',
          rows.map((row) => row.id),
        );
        return rows.map((row, index) => allowed[index]! || isSubmitter(request, row));
      },
    });
  }

  /** All expenses for who may read the type; else the caller's own and those shared with them. */
  async list(request: RequestContext, args: ExpensesArgs): Promise<Connection<Expense>> {
    const readable = await this.access.readableIds(request);
    const own = request.principal.kind === 'user' ? request.principal.userId : null;
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => {
        const query = this.query(em, args.filter);
        if (!readable) return query;
        const shared = readable.length ? 'expense.id IN (:...expenseReadableIds)' : 'FALSE';
        return query.andWhere(own ? `(${shared} OR expense.submittedBy = :expenseOwnerId)` : shared, { expenseReadableIds: readable, expenseOwnerId: own });
      },
      sort: sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder),
      args,
    });
  }

  async submit(request: RequestContext, input: ExpenseSubmitInput): Promise<Expense> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.requireMaySubmit(request, orgId, actorId);
    const valid = validateInput(submitInput, input, ExpenseErrorCode.InvalidInput);
    const { amount, currency } = checkedMoney(valid.amount, valid.currencyCode);
    if (valid.receiptId) await this.requireReceipt(request, valid.receiptId);
    const approvers = await this.approversOf(orgId, actorId);
    return this.db.transaction(request, (em, hooks) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'expenseSubmit',
        input: valid,
        create: async () => {
          const expense = await em.save(
            em.create(Expense, {
              id: uuidv7(),
              orgId,
              category: valid.category,
              description: valid.description || null,
              amountValue: amount,
              currency,
              vendor: valid.vendor || null,
              expenseDate: valid.expenseDate,
              receiptFileId: valid.receiptId ?? null,
              status: ExpenseStatus.PENDING,
              submittedBy: actorId,
            }),
          );
          // The submitter's right on their expense, for every process of the cell (announced once committed).
          await policyWriter.grant(em, orgId, userSubject(actorId), objectKey('Expense', expense.id), 'editor');
          hooks.afterCommit(() => this.authz.announcePolicyChange(orgId));
          await this.emit(em, expense, 'expense.submitted', { ...this.about(expense), approvers });
          return expense;
        },
        load: (id) => em.findOneBy(Expense, { id }),
      }),
    );
  }

  /** Changes a pending expense: its submitter or a finance manager. */
  async update(request: RequestContext, input: ExpenseUpdateInput): Promise<Expense> {
    const { id, receiptId, ...changes } = validateInput(updateInput, input, ExpenseErrorCode.InvalidInput);
    await this.requireExisting(request, 'write', id);
    if (receiptId) await this.requireReceipt(request, receiptId);
    return this.db.transaction(request, async (em) => {
      const expense = await this.loadForUpdate(em, request, 'write', id);
      await this.requireSubmitterOrManager(request, expense);
      if (expense.status !== ExpenseStatus.PENDING) throw expenseNotEditable(expense.status);
      const before = expenseSnapshot(expense);
      if (changes.amount != null || changes.currencyCode != null) {
        const money = checkedMoney(changes.amount ?? parseDecimal(expense.amountValue), changes.currencyCode ?? expense.currency);
        Object.assign(expense, { amountValue: money.amount, currency: money.currency });
      }
      if (changes.category != null) expense.category = changes.category;
      if (changes.expenseDate != null) expense.expenseDate = changes.expenseDate;
      if (changes.description !== undefined) expense.description = changes.description || null;
      if (changes.vendor !== undefined) expense.vendor = changes.vendor || null;
      if (receiptId !== undefined) expense.receiptFileId = receiptId;
      const saved = await em.save(expense);
      const after = expenseSnapshot(saved);
      const fields = (Object.keys(after) as (keyof Snapshot)[]).filter((key) => before[key] !== after[key]);
      if (fields.length) {
        const pick = (snapshot: Snapshot) => Object.fromEntries(fields.map((field) => [field, snapshot[field]]));
        await this.emit(em, saved, 'expense.updated', { fields, before: pick(before), after: pick(after) });
      }
      return saved;
    });
  }

  approve(request: RequestContext, input: { id: string }): Promise<Expense> {
    const { id } = validateInput(idInput, input, ExpenseErrorCode.InvalidInput);
    return this.decide(request, id, ExpenseStatus.APPROVED, (expense) => {
      Object.assign(expense, { decidedBy: requireUserId(request), decidedAt: new Date() });
      return { type: 'expense.approved', data: { ...this.about(expense), approvedBy: expense.decidedBy! } };
    });
  }

  reject(request: RequestContext, input: ExpenseRejectInput): Promise<Expense> {
    const { id, reason } = validateInput(rejectInput, input, ExpenseErrorCode.InvalidInput);
    return this.decide(request, id, ExpenseStatus.REJECTED, (expense) => {
      Object.assign(expense, { decidedBy: requireUserId(request), decidedAt: new Date(), rejectionReason: reason });
      return { type: 'expense.rejected', data: { ...this.about(expense), rejectedBy: expense.decidedBy!, reason } };
    });
  }

  /** Marks an approved expense paid back to its submitter. */
  reimburse(request: RequestContext, input: { id: string }): Promise<Expense> {
    const { id } = validateInput(idInput, input, ExpenseErrorCode.InvalidInput);
    return this.decide(request, id, ExpenseStatus.REIMBURSED, (expense) => {
      expense.reimbursedAt = new Date();
      return { type: 'expense.reimbursed', data: { ...this.about(expense), reimbursedBy: requireUserId(request) } };
    });
  }

  /** Moves an expense to the trash: its submitter while it is pending or rejected, a finance manager always. */
  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    const { id } = validateInput(idInput, input, ExpenseErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const expense = await this.loadForUpdate(em, request, 'write', id);
      await this.requireMayTrash(request, expense);
      await em.softDelete(Expense, { id });
      await this.emit(em, expense, 'expense.deleted', { title: this.titleOf(expense) });
    });
    return input.id;
  }

  /** Brings an expense back from the trash (who may delete it may restore it). */
  async restore(request: RequestContext, input: { id: string }): Promise<Expense> {
    const { id } = validateInput(idInput, input, ExpenseErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const trashed = await em.findOne(Expense, { where: { id }, withDeleted: true });
      if (!trashed?.deletedAt || !(await this.may(request, 'read', trashed))) throw expenseNotFound();
      if (!(await this.may(request, 'write', trashed))) throw forbidden(financeErrorTexts.mayNotWriteExpense);
      await this.requireMayTrash(request, trashed);
      await em.createQueryBuilder().restore().from(Expense).where('id = :id', { id }).execute();
      const expense = await em.findOneByOrFail(Expense, { id });
      await this.emit(em, expense, 'expense.restored', {});
      return expense;
    });
  }

  /** Whether the caller is a finance manager: a user (not an API key) who may manage the Expense type (owner, admin, finance OWNER module grant). */
  async isFinanceManager(request: RequestContext): Promise<boolean> {
    return request.principal.kind === 'user' && (await this.authz.can(request, 'manage', 'Expense'));
  }

  /**
   * Who decides the expenses of `submitterId`: the finance managers but the submitter — the owners
   * and admins, and the users holding a finance OWNER module grant (or owner on every Expense)
   * themselves or through a team, read from the organization's policies.
   */
  private async approversOf(orgId: string, submitterId: string): Promise<string[]> {
    const byRole = await Promise.all(FINANCE_MANAGER_ROLES.map((role) => this.authz.usersWithRole(orgId, role)));
    const holders: { v0: string }[] = await this.db.transaction({ orgId, userId: null }, (em) =>
      em.query(`SELECT DISTINCT v0 FROM authz.policies WHERE ptype = 'p' AND v2 = ANY($1) AND v3 = 'owner'`, [[moduleObject('finance'), 'Expense:*']]),
    );
    const users = holders.filter((row) => row.v0.startsWith('user:')).map((row) => row.v0.slice('user:'.length));
    const teams = holders.filter((row) => row.v0.startsWith('team:')).map((row) => row.v0.slice('team:'.length));
    const members = await Promise.all(teams.map((teamId) => this.authz.teamMembers(orgId, teamId)));
    const candidates = [...new Set([...byRole.flat(), ...users, ...members.flat()])].filter((userId) => userId !== submitterId);
    // A grant holder who left the organization keeps no rights.
    const current = await Promise.all(candidates.map((userId) => this.authz.isMember(orgId, userId)));
    return candidates.filter((_, index) => current[index]).sort();
  }

  /** Every member submits (their role, not a finance grant); others — guests — need write on the Expense type. */
  private async requireMaySubmit(request: RequestContext, orgId: string, userId: string): Promise<void> {
    if (SUBMITTER_ROLES.includes((await this.authz.roleOf(orgId, userId)) ?? '')) return;
    await this.authz.require(request, 'write', 'Expense');
  }

  /** May the caller `action` this expense: its submitter reads and writes it (judged by the row, so at once), others by their grants. */
  private async may(request: RequestContext, action: Action, expense: Expense): Promise<boolean> {
    if (action !== 'manage' && isSubmitter(request, expense)) return true;
    return this.authz.can(request, action, 'Expense', expense.id);
  }

  /** Guards `action` on an existing expense: unknown or unreadable → EXPENSE_NOT_FOUND, readable but not `action` → FORBIDDEN. */
  private async requireExisting(request: RequestContext, action: Action, id: string, em?: EntityManager): Promise<void> {
    await requireReferencesIn(this.db, request, [{ table: 'finance.expenses', id, notFound: () => expenseNotFound() }], em);
    const expense = em ? await em.findOneBy(Expense, { id }) : await this.db.transaction(request, (own) => own.findOneBy(Expense, { id }));
    if (!expense || !(await this.may(request, 'read', expense))) throw expenseNotFound();
    if (!(await this.may(request, action, expense))) throw forbidden(text(financeErrorTexts.mayNotActOnExpense, { action }));
  }

  /** `requireExisting`, then the expense locked for update in the caller's transaction. */
  private async loadForUpdate(em: EntityManager, request: RequestContext, action: Action, id: string): Promise<Expense> {
    await this.requireExisting(request, action, id, em);
    const expense = await em.findOne(Expense, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!expense) throw expenseNotFound();
    return expense;
  }

  /**
   * A decision or the reimbursement: the expense must be readable (else not found), the caller a
   * finance manager (else FORBIDDEN), not its submitter for a decision, and the move legal.
   */
  private async decide(
    request: RequestContext,
    id: string,
    to: ExpenseStatus,
    apply: (expense: Expense) => { type: string; data: Record<string, unknown> },
  ): Promise<Expense> {
    requireUserId(request);
    return this.db.transaction(request, async (em) => {
      const expense = await this.loadForUpdate(em, request, 'read', id);
      if (!(await this.isFinanceManager(request))) throw forbidden(financeErrorTexts.financeManagersDecide);
      if (to !== ExpenseStatus.REIMBURSED && expense.submittedBy === requireUserId(request)) throw expenseSelfApproval();
      if (!mayMove(expense.status, to)) throw expenseInvalidTransition(expense.status, to);
      const event = apply(expense);
      expense.status = to;
      const saved = await em.save(expense);
      await this.emit(em, saved, event.type, event.data);
      return saved;
    });
  }

  private async requireSubmitterOrManager(request: RequestContext, expense: Expense): Promise<void> {
    if (expense.submittedBy === requireUserId(request) || (await this.isFinanceManager(request))) return;
    throw forbidden(financeErrorTexts.expenseChangeRestricted);
  }

  private async requireMayTrash(request: RequestContext, expense: Expense): Promise<void> {
    if (await this.isFinanceManager(request)) return;
    const ownOpen = expense.submittedBy === requireUserId(request) && [ExpenseStatus.PENDING, ExpenseStatus.REJECTED].includes(expense.status);
    if (!ownOpen) throw forbidden(financeErrorTexts.expenseDeleteRestricted);
  }

  /** The receipt must be a File the caller can read in its organization (asked through the graph, as the caller). */
  private requireReceipt(request: RequestContext, fileId: string): Promise<void> {
    return requireReadableFile(this.graph, request, toGlobalId('File', fileId), () => expenseReceiptNotFound());
  }

  /** What every decision event carries: the submitter (to notify) and the expense. */
  private about(expense: Expense) {
    return { submittedBy: expense.submittedBy, ...expenseSnapshot(expense) };
  }

  /** How the trash names an expense: "42.50 EUR · Vendor". */
  private titleOf(expense: Expense): string {
    const money = `${formatAmount(expense.amountValue, expense.currency)} ${expense.currency}`;
    return expense.vendor ? `${money} · ${expense.vendor}` : `${money} · ${expense.category}`;
  }

  private emit(em: EntityManager, expense: Expense, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: expense.orgId, subject: { type: 'Expense', id: expense.id }, data });
  }

  private query(em: EntityManager, filter: ExpenseFilter | null | undefined) {
    const query = em.createQueryBuilder(Expense, 'expense');
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }
}

/** Whether the caller (a user) submitted `expense`. */
function isSubmitter(request: RequestContext, expense: Expense): boolean {
  return request.principal.kind === 'user' && expense.submittedBy === request.principal.userId;
}
