import {
  AggregateAccess,
  filterToSql,
  globalIdOf,
  idempotent,
  OrderDirection,
  paginate,
  paginateGroups,
  requireOrgId,
  requireUserId,
  sortKeysFor,
  UserInputError,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type ConnectionArgs,
  type Database,
  type FilterSpec,
  type GraphClient,
  type OrderField,
  type RequestContext,
  type TransactionHooks,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { addDays, daysBetween, todayUtc } from '../invoice/invoice-validation.js';
import { Invoice, InvoiceStatus } from '../invoice/invoice.entity.js';
import { InvoiceErrorCode } from '../invoice/invoice.errors.js';
import type { InvoiceService } from '../invoice/invoice.service.js';
import type { InvoiceDeliveries } from '../invoice-send/invoice-deliveries.js';
import { invoiceRecipients, readInvoiceParties, recipientsOrContact } from '../invoice-send/invoice-parties.js';
import { InvoiceSendErrorCode } from '../invoice-send/invoice-send.errors.js';
import { duePeriods, periodDate, RecurrenceFrequency } from './recurrence-dates.js';
import { RecurringInvoiceIssue } from './recurring-invoice-issue.entity.js';
import { RecurringInvoice } from './recurring-invoice.entity.js';
import {
  recurringInvoiceAlreadyExists,
  recurringInvoiceEndBeforeStart,
  RecurringInvoiceErrorCode,
  recurringInvoiceInvalidTemplate,
  recurringInvoiceNoRecipient,
  recurringInvoiceNotFound,
  recurringInvoiceStopped,
} from './recurring-invoice.errors.js';
import type { InvoiceMakeRecurringInput, RecurringInvoicesArgs, RecurringInvoiceUpdateInput } from './recurring-invoice.inputs.js';
import { financeErrorTexts } from '../messages.js';

/** The job that issues every due period of every running rule; daily, with a typed payload `{ today? }` (a UTC date, default the day it runs). */
export const RECURRING_INVOICE_ISSUE_JOB = 'recurring_invoice.issue_due';
export const RECURRING_INVOICE_ISSUE_EVERY_MS = 24 * 60 * 60 * 1000;

/** At most this many periods of one rule per run (a weekly rule years behind catches up over a few runs). */
export const MAX_PERIODS_PER_RUN = 120;

const date = z.iso.date(zodMessage(financeErrorTexts.dateFormat));
const makeInput = z.object({
  invoiceId: globalIdOf('Invoice'),
  frequency: z.enum(RecurrenceFrequency),
  startDate: date.nullish(),
  endDate: date.nullish(),
  autoSend: z.boolean().nullish(),
  sendTo: invoiceRecipients.nullish(),
});
const updateInput = z.object({
  id: globalIdOf('RecurringInvoice'),
  frequency: z.enum(RecurrenceFrequency).nullish(),
  nextIssueDate: date.nullish(),
  endDate: date.nullish(),
  autoSend: z.boolean().nullish(),
  sendTo: invoiceRecipients.nullish(),
});
const idInput = z.object({ id: globalIdOf('RecurringInvoice') });

const filterSpec: FilterSpec = {
  id: { path: 'rule.id', kind: 'id', idType: 'RecurringInvoice' },
  template: { path: 'rule.templateInvoiceId', kind: 'id', idType: 'Invoice' },
  enabled: { kind: 'computed', toSql: (input) => (input === null || input === undefined ? [] : [input ? 'rule.enabled' : 'NOT rule.enabled']) },
};
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];
const ruleOrder: Record<string, OrderField> = { createdAt: { path: 'rule.createdAt', sqlType: 'timestamptz' } };
const invoiceOrder: Record<string, OrderField> = { issueDate: { path: 'invoice.issueDate', sqlType: 'date' } };
const latestPeriodFirst = [{ field: 'issueDate', direction: OrderDirection.DESC }];

const NO_SENDING: SendingFacts = { sendTo: null, organizationName: null, customerName: null, customerContactId: null };

/** What recurring-invoice events carry of a rule (see contracts.ts). */
const factsOf = (rule: RecurringInvoice) => ({
  templateInvoiceId: rule.templateInvoiceId,
  frequency: rule.frequency,
  startDate: rule.anchorDate,
  nextIssueDate: rule.nextIssueDate,
  endDate: rule.endDate,
  autoSend: rule.autoSend,
  sendTo: rule.sendTo,
  enabled: rule.enabled,
});

/** What auto-send keeps on a rule: asked of the graph as the person who set it (the job has no caller). */
type SendingFacts = Pick<RecurringInvoice, 'sendTo' | 'organizationName' | 'customerName' | 'customerContactId'>;

/** Why an issued invoice was not auto-sent (it stays a DRAFT); see the `recurring_invoice.issued` contract. */
export const AutoSendFailure = {
  NoLines: InvoiceSendErrorCode.NoLines,
  ZeroTotal: InvoiceSendErrorCode.ZeroTotal,
  /** The rule has no recipients (made before auto-send captured them): update it to set them. */
  NoRecipient: RecurringInvoiceErrorCode.NoRecipient,
  /** The template now bills another contact than the one the recipients were set for. */
  ContactChanged: 'RECURRING_INVOICE_CONTACT_CHANGED',
} as const;
type AutoSendOutcome = { recipients: string[]; deliveryId: string } | { sendFailure: string };

/**
 * Recurring invoices: rules that copy a template invoice every period. Who may read or change a
 * rule is who may read or change its template (finance's permissions on invoices). The job issues
 * each due period exactly once: it locks the rule, copies the template through the invoices
 * service, records (rule, period) and moves the rule on in one transaction.
 */
export class RecurringInvoiceService {
  readonly access: AggregateAccess<RecurringInvoice>;

  constructor(
    private readonly db: Database,
    authz: Authorizer,
    private readonly invoices: InvoiceService,
    private readonly graph: GraphClient,
    private readonly deliveries: InvoiceDeliveries,
  ) {
    this.access = new AggregateAccess(db, authz, {
      type: 'RecurringInvoice',
      entity: RecurringInvoice,
      table: 'finance.recurring_invoices',
      notFound: recurringInvoiceNotFound,
      readableOf: (request, rules) =>
        authz.allowed(
          request,
          'read',
          'Invoice',
          rules.map((rule) => rule.templateInvoiceId),
        ),
    });
  }

  async makeRecurring(request: RequestContext, input: InvoiceMakeRecurringInput): Promise<RecurringInvoice> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    const valid = validateInput(makeInput, input, RecurringInvoiceErrorCode.InvalidInput);
    const startDate = valid.startDate ?? todayUtc();
    if (valid.endDate && valid.endDate < startDate) throw recurringInvoiceEndBeforeStart(['input', 'endDate']);
    await this.invoices.access.requireExisting(request, 'write', valid.invoiceId, ['input', 'invoiceId']);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'invoiceMakeRecurring',
        input: { ...valid, startDate },
        create: async () => {
          // The template's row lock serializes two makes of one invoice.
          const template = await em.findOne(Invoice, { where: { id: valid.invoiceId }, lock: { mode: 'pessimistic_write' } });
          if (!template) throw this.invoices.access.spec.notFound(['input', 'invoiceId']);
          if (template.status === InvoiceStatus.VOID) throw recurringInvoiceInvalidTemplate();
          if (await em.existsBy(RecurringInvoice, { templateInvoiceId: template.id, enabled: true })) throw recurringInvoiceAlreadyExists();
          const autoSend = valid.autoSend ?? false;
          const sending = autoSend
            ? await this.sendingFacts(request, template.contactId, valid.sendTo, ['input', 'invoiceId'])
            : { ...NO_SENDING, sendTo: valid.sendTo ?? null };
          const rule = await em.save(
            em.create(RecurringInvoice, {
              id: uuidv7(),
              orgId,
              templateInvoiceId: template.id,
              frequency: valid.frequency,
              anchorDate: startDate,
              periodIndex: 0,
              nextIssueDate: startDate,
              endDate: valid.endDate ?? null,
              autoSend,
              ...sending,
              enabled: true,
              stoppedAt: null,
              createdBy: actorId,
            }),
          );
          await this.emit(em, rule, 'recurring_invoice.created', { after: factsOf(rule), templateNumber: template.number });
          return rule;
        },
        load: (id) => em.findOneBy(RecurringInvoice, { id }),
      }),
    );
  }

  async update(request: RequestContext, input: RecurringInvoiceUpdateInput): Promise<RecurringInvoice> {
    const { id, ...changes } = validateInput(updateInput, input, RecurringInvoiceErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const rule = await this.loadForUpdate(em, request, id);
      if (!rule.enabled) throw recurringInvoiceStopped();
      const before = factsOf(rule);
      // A new frequency or next date starts the periods again from the next date (its day is the new anchor day).
      if (changes.frequency || changes.nextIssueDate) {
        rule.frequency = changes.frequency ?? rule.frequency;
        rule.anchorDate = changes.nextIssueDate ?? rule.nextIssueDate;
        rule.nextIssueDate = rule.anchorDate;
        rule.periodIndex = 0;
      }
      if (changes.endDate !== undefined) rule.endDate = changes.endDate;
      if (rule.endDate && rule.endDate < rule.anchorDate) throw recurringInvoiceEndBeforeStart(['input', changes.endDate ? 'endDate' : 'nextIssueDate']);
      const turnsOn = changes.autoSend === true && !rule.autoSend;
      if (changes.autoSend !== undefined && changes.autoSend !== null) rule.autoSend = changes.autoSend;
      // Recipients omitted keep the rule's; null goes back to the contact's e-mail address.
      const given = changes.sendTo === undefined ? rule.sendTo : changes.sendTo;
      if (rule.autoSend && (turnsOn || changes.sendTo !== undefined)) {
        const template = await em.findOneByOrFail(Invoice, { id: rule.templateInvoiceId });
        Object.assign(rule, await this.sendingFacts(request, template.contactId, given, ['input', 'id']));
      } else if (changes.sendTo !== undefined) {
        rule.sendTo = changes.sendTo;
      }
      const saved = await em.save(rule);
      const after = factsOf(saved);
      const fields = (Object.keys(after) as (keyof typeof after)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
      if (fields.length) {
        const pick = (facts: typeof after) => Object.fromEntries(fields.map((key) => [key, facts[key]]));
        await this.emit(em, saved, 'recurring_invoice.updated', { fields, before: pick(before), after: pick(after) });
      }
      return saved;
    });
  }

  /** Stops a rule for good: no more periods (a stopped rule stays, with the invoices it issued). Stopping twice changes nothing. */
  async stop(request: RequestContext, input: { id: string }): Promise<RecurringInvoice> {
    const { id } = validateInput(idInput, input, RecurringInvoiceErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const rule = await this.loadForUpdate(em, request, id);
      if (!rule.enabled) return rule;
      rule.enabled = false;
      rule.stoppedAt = new Date();
      const saved = await em.save(rule);
      await this.emit(em, saved, 'recurring_invoice.stopped', { templateInvoiceId: saved.templateInvoiceId, nextIssueDate: saved.nextIssueDate });
      return saved;
    });
  }

  async list(request: RequestContext, args: RecurringInvoicesArgs): Promise<Connection<RecurringInvoice>> {
    const readable = await this.invoices.access.readableIds(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => {
        const query = em.createQueryBuilder(RecurringInvoice, 'rule');
        if (readable) query.andWhere(readable.length ? 'rule.templateInvoiceId IN (:...readableTemplates)' : 'FALSE', { readableTemplates: readable });
        const condition = filterToSql(args.filter as Record<string, unknown> | null | undefined, filterSpec);
        if (condition) query.andWhere(condition.sql, condition.params);
        return query;
      },
      sort: sortKeysFor(null, ruleOrder, newestFirst, { path: 'rule.id', sqlType: 'uuid' }),
      args,
    });
  }

  /** For each invoice (readable: the caller loaded it), the latest rule it is the template of (the running one first), or null. */
  async ofTemplates(request: RequestContext, invoiceIds: readonly string[]): Promise<(RecurringInvoice | null)[]> {
    const rules = await this.db.transaction(request, (em) =>
      em
        .createQueryBuilder(RecurringInvoice, 'rule')
        .where('rule.templateInvoiceId IN (:...invoiceIds)', { invoiceIds })
        .orderBy('rule.enabled', 'DESC')
        .addOrderBy('rule.createdAt', 'DESC')
        .getMany(),
    );
    return invoiceIds.map((id) => rules.find((rule) => rule.templateInvoiceId === id) ?? null);
  }

  /** For each invoice (readable), the id of the rule that issued it, or null. */
  async issuersOf(request: RequestContext, invoiceIds: readonly string[]): Promise<(string | null)[]> {
    const rows: { invoice_id: string; rule_id: string }[] = await this.db.transaction(request, (em) =>
      em.query('SELECT invoice_id, rule_id FROM finance.recurring_invoice_issues WHERE invoice_id = ANY($1::uuid[])', [invoiceIds]),
    );
    return invoiceIds.map((id) => rows.find((row) => row.invoice_id === id)?.rule_id ?? null);
  }

  /** One page per rule of the invoices it issued that the caller reads, latest period first, in one statement. */
  async issuedInvoices(request: RequestContext, ruleIds: readonly string[], args: ConnectionArgs): Promise<Connection<Invoice>[]> {
    const readable = await this.invoices.access.readableIds(request);
    return paginateGroups(
      {
        db: this.db,
        scope: request,
        entity: Invoice,
        build: (em) =>
          this.invoices.access.restrictToReadable(
            em.createQueryBuilder(Invoice, 'invoice').innerJoin(RecurringInvoiceIssue, 'issue', 'issue.invoiceId = invoice.id'),
            'invoice',
            readable,
          ),
        alias: 'invoice',
        groupPath: 'issue.ruleId',
        idProperty: 'id',
        sort: sortKeysFor(null, invoiceOrder, latestPeriodFirst, { path: 'invoice.id', sqlType: 'uuid' }),
        args,
      },
      ruleIds,
    );
  }

  /**
   * The job: issues every due period (up to `today`, UTC, never after the end date) of every
   * running rule whose template is not in the trash; missed periods are caught up, each with its
   * own dates. Returns how many invoices it issued. Safe to run twice at once or again: each rule
   * is issued under its row lock, and a period already recorded is never issued again.
   */
  async issueDue(today: string = todayUtc()): Promise<number> {
    const due: { id: string; org_id: string }[] = await this.db.maintenanceTransaction((em) =>
      em.query(
        `SELECT id, org_id FROM finance.recurring_invoices
         WHERE enabled AND next_issue_date <= $1::date AND (end_date IS NULL OR next_issue_date <= end_date)
         ORDER BY next_issue_date LIMIT 10000`,
        [today],
      ),
    );
    let issued = 0;
    for (const row of due) {
      issued += await this.db.transaction({ orgId: row.org_id, userId: null }, (em, hooks) => this.issueRule(em, hooks, row.id, today));
    }
    return issued;
  }

  /** Issues the due periods of one rule in `em`'s transaction (its organization's), auto-sending each when the rule says so. */
  private async issueRule(em: EntityManager, hooks: TransactionHooks, ruleId: string, today: string): Promise<number> {
    const rule = await em.findOne(RecurringInvoice, { where: { id: ruleId }, lock: { mode: 'pessimistic_write' } });
    if (!rule?.enabled) return 0;
    // A template in the trash (not found) pauses the rule until it is restored.
    const template = await em.findOneBy(Invoice, { id: rule.templateInvoiceId });
    if (!template) return 0;
    const paymentDays = daysBetween(template.issueDate, template.dueDate);
    const periods = duePeriods(rule.anchorDate, rule.frequency, rule.periodIndex, today, rule.endDate, MAX_PERIODS_PER_RUN);
    let issued = 0;
    for (const period of periods) {
      const taken = await em.query('SELECT 1 FROM finance.recurring_invoice_issues WHERE rule_id = $1 AND period_date = $2::date', [rule.id, period.date]);
      if (!taken.length) {
        const copy = await this.invoices.issueCopy(em, template, {
          issueDate: period.date,
          dueDate: addDays(period.date, paymentDays),
          createdBy: rule.createdBy,
        });
        await em.query('INSERT INTO finance.recurring_invoice_issues (org_id, rule_id, period_date, invoice_id) VALUES ($1, $2, $3::date, $4)', [
          rule.orgId,
          rule.id,
          period.date,
          copy.id,
        ]);
        const outcome = rule.autoSend ? await this.autoSend(em, hooks, rule, copy) : null;
        const invoice = outcome?.invoice ?? copy;
        await this.emit(em, rule, 'recurring_invoice.issued', {
          templateInvoiceId: template.id,
          invoiceId: invoice.id,
          number: invoice.number,
          periodDate: period.date,
          issueDate: invoice.issueDate,
          dueDate: invoice.dueDate,
          total: invoice.total.amount,
          currencyCode: invoice.currency,
          contactId: invoice.contactId,
          autoSend: rule.autoSend,
          createdBy: rule.createdBy,
          ...outcome?.sending,
        });
        issued++;
      }
      rule.periodIndex = period.index + 1;
    }
    if (!periods.length) return 0;
    rule.nextIssueDate = periodDate(rule.anchorDate, rule.frequency, rule.periodIndex);
    await em.save(rule);
    return issued;
  }

  /**
   * Sends an invoice the job just issued, as a person would — the same checks, delivery, move to
   * SENT and e-mails — with the recipients and names kept on the rule, by the rule's creator. What
   * cannot be sent stays a DRAFT and says why (the period is issued all the same).
   */
  private async autoSend(
    em: EntityManager,
    hooks: TransactionHooks,
    rule: RecurringInvoice,
    invoice: Invoice,
  ): Promise<{ invoice: Invoice; sending: AutoSendOutcome }> {
    const failed = (sendFailure: string) => ({ invoice, sending: { sendFailure } });
    if (!rule.sendTo || rule.organizationName === null || rule.customerName === null) return failed(AutoSendFailure.NoRecipient);
    if (rule.customerContactId !== invoice.contactId) return failed(AutoSendFailure.ContactChanged);
    try {
      await this.deliveries.sendableLines(em, invoice);
    } catch (error) {
      if (error instanceof UserInputError && error.errors[0]) return failed(error.errors[0].code);
      throw error;
    }
    const { invoice: sent, delivery } = await this.deliveries.deliver(em, hooks, invoice, {
      recipients: rule.sendTo,
      message: null,
      organizationName: rule.organizationName,
      customerName: rule.customerName,
      pdfFileId: null,
      sentBy: rule.createdBy,
    });
    return { invoice: sent, sending: { recipients: rule.sendTo, deliveryId: delivery.id } };
  }

  /** What auto-send keeps on a rule, asked of the graph as `request`'s person: the names, and the recipients (`given`, else the contact's e-mail). */
  private async sendingFacts(
    request: RequestContext,
    contactId: string,
    given: string[] | null | undefined,
    field: (string | number)[],
  ): Promise<SendingFacts> {
    const parties = await readInvoiceParties(this.graph, request, contactId, field);
    const sendTo = recipientsOrContact(given, parties);
    if (!sendTo) throw recurringInvoiceNoRecipient();
    return { sendTo, organizationName: parties.organizationName, customerName: parties.customer.name, customerContactId: contactId };
  }

  /** A rule for a change: NOT_FOUND unless it exists and the caller may change its template; locked. */
  private async loadForUpdate(em: EntityManager, request: RequestContext, id: string): Promise<RecurringInvoice> {
    const rule = await em.findOne(RecurringInvoice, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!rule) throw recurringInvoiceNotFound();
    await this.invoices.access.requireExisting(request, 'write', rule.templateInvoiceId, ['input', 'id'], em).catch((error: unknown) => {
      throw error instanceof UserInputError && error.errors[0]?.code === InvoiceErrorCode.NotFound ? recurringInvoiceNotFound() : error;
    });
    return rule;
  }

  private emit(em: EntityManager, rule: RecurringInvoice, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: rule.orgId, subject: { type: 'RecurringInvoice', id: rule.id }, data });
  }
}
