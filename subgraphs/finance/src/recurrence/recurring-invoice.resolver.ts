import { ConnectionArgs, fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Invoice } from '../invoice/invoice.entity.js';
import { InvoiceConnection } from '../invoice/invoice.inputs.js';
import { loadInvoice } from '../invoice/invoice.loaders.js';
import type { FinanceServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { RecurringInvoice } from './recurring-invoice.entity.js';
import {
  InvoiceMakeRecurringInput,
  RecurringInvoiceConnection,
  RecurringInvoicePayload,
  RecurringInvoicesArgs,
  RecurringInvoiceStopInput,
  RecurringInvoiceUpdateInput,
} from './recurring-invoice.inputs.js';
import { issuedInvoices, issuerOfInvoice, recurrenceOfTemplate } from './recurring-invoice.loaders.js';

type Context = SubgraphContext<FinanceServices>;

@Resolver(() => RecurringInvoice)
export class RecurringInvoiceResolver {
  constructor(private readonly services: FinanceServices) {}

  @Query(() => RecurringInvoice, { nullable: true, description: 'A recurring invoice of your organization, or null.' })
  recurringInvoice(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<RecurringInvoice | null> {
    requireOrgId(context.request);
    return this.services.recurringInvoices.access.loadReadable(context.loaders, context.request, fromGlobalId('RecurringInvoice', id));
  }

  @Query(() => RecurringInvoiceConnection, { nullable: true, description: 'Recurring invoices of your organization, newest first.' })
  recurringInvoices(@Args(() => RecurringInvoicesArgs) args: RecurringInvoicesArgs, @Ctx() context: Context): Promise<Connection<RecurringInvoice>> {
    return this.services.recurringInvoices.list(context.request, args);
  }

  @Mutation(() => RecurringInvoicePayload, {
    nullable: true,
    description: 'Make an invoice the template of a recurring invoice: a copy is issued every period from the start date (the template is never sent).',
  })
  invoiceMakeRecurring(
    @Arg('input', () => InvoiceMakeRecurringInput) input: InvoiceMakeRecurringInput,
    @Ctx() context: Context,
  ): Promise<RecurringInvoicePayload> {
    return mutationPayload(async () => ({ recurringInvoice: await this.services.recurringInvoices.makeRecurring(context.request, input) }));
  }

  @Mutation(() => RecurringInvoicePayload, {
    nullable: true,
    description: 'Change the frequency, next issue date, end date or auto-send of a running recurring invoice.',
  })
  recurringInvoiceUpdate(
    @Arg('input', () => RecurringInvoiceUpdateInput) input: RecurringInvoiceUpdateInput,
    @Ctx() context: Context,
  ): Promise<RecurringInvoicePayload> {
    return mutationPayload(async () => ({ recurringInvoice: await this.services.recurringInvoices.update(context.request, input) }));
  }

  @Mutation(() => RecurringInvoicePayload, { nullable: true, description: 'Stop a recurring invoice for good: no more periods are issued.' })
  recurringInvoiceStop(@Arg('input', () => RecurringInvoiceStopInput) input: { id: string }, @Ctx() context: Context): Promise<RecurringInvoicePayload> {
    return mutationPayload(async () => ({ recurringInvoice: await this.services.recurringInvoices.stop(context.request, input) }));
  }

  @FieldResolver(() => Invoice, { nullable: true, description: 'The template copied every period.' })
  template(@Root() rule: RecurringInvoice, @Ctx() context: Context): Promise<Invoice | null> {
    return loadInvoice(context, rule.templateInvoiceId);
  }

  @FieldResolver(() => InvoiceConnection, { nullable: true, description: 'The invoices it issued, latest period first.' })
  invoices(@Root() rule: RecurringInvoice, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<Invoice>> {
    return issuedInvoices(context, args).load(rule.id);
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who made it (also the creator of the invoices it issues).' })
  createdBy(@Root() rule: RecurringInvoice): UserRef {
    return UserRef.of(rule.createdBy);
  }
}

@Resolver(() => Invoice)
export class InvoiceRecurrenceResolver {
  @FieldResolver(() => RecurringInvoice, {
    nullable: true,
    description: 'The recurring invoice it is the template of (the running one, else the latest), if any.',
  })
  recurrence(@Root() invoice: Invoice, @Ctx() context: Context): Promise<RecurringInvoice | null> {
    return recurrenceOfTemplate(context).load(invoice.id);
  }

  @FieldResolver(() => RecurringInvoice, { nullable: true, description: 'The recurring invoice that issued it, if any.' })
  async issuedBy(@Root() invoice: Invoice, @Ctx() context: Context): Promise<RecurringInvoice | null> {
    const ruleId = await issuerOfInvoice(context).load(invoice.id);
    return this.loadRule(context, ruleId);
  }

  private loadRule(context: Context, id: string | null): Promise<RecurringInvoice | null> {
    return context.services.recurringInvoices.access.loadReadable(context.loaders, context.request, id);
  }
}
