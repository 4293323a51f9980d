import { fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ContactRef } from '../crm/contact.ref.js';
import { DealRef } from '../crm/deal.ref.js';
import type { FinanceServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice } from './invoice.entity.js';
import {
  InvoiceConnection,
  InvoiceCreateInput,
  InvoiceDeleteInput,
  InvoiceDeletePayload,
  InvoiceDuplicateInput,
  InvoiceLineAddInput,
  InvoiceLinePayload,
  InvoiceLineRemoveInput,
  InvoiceLineRemovePayload,
  InvoiceLineUpdateInput,
  InvoicePayload,
  InvoiceRestoreInput,
  InvoicesArgs,
  InvoiceSettings,
  InvoiceSettingsPayload,
  InvoiceSettingsUpdateInput,
  InvoiceUpdateInput,
  InvoiceVoidInput,
} from './invoice.inputs.js';
import { invoiceLines, loadInvoice } from './invoice.loaders.js';

type Context = SubgraphContext<FinanceServices>;

@Resolver(() => Invoice)
export class InvoiceResolver {
  constructor(private readonly services: FinanceServices) {}

  @Query(() => Invoice, { nullable: true, description: 'An invoice of your organization, or null.' })
  invoice(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Invoice | null> {
    requireOrgId(context.request);
    return loadInvoice(context, fromGlobalId('Invoice', id));
  }

  @Query(() => InvoiceConnection, { nullable: true, description: 'Invoices of your organization.' })
  invoices(@Args(() => InvoicesArgs) args: InvoicesArgs, @Ctx() context: Context): Promise<Connection<Invoice>> {
    return this.services.invoices.list(context.request, args);
  }

  @Query(() => InvoiceSettings, { nullable: true, description: 'How your organization numbers its invoices.' })
  invoiceSettings(@Ctx() context: Context): Promise<InvoiceSettings> {
    return this.services.invoices.settings(context.request);
  }

  @Mutation(() => InvoicePayload, { nullable: true, description: 'Create a DRAFT invoice for a contact; it takes the next number of the pattern.' })
  invoiceCreate(@Arg('input', () => InvoiceCreateInput) input: InvoiceCreateInput, @Ctx() context: Context): Promise<InvoicePayload> {
    return mutationPayload(async () => ({ invoice: await this.services.invoices.create(context.request, input) }));
  }

  @Mutation(() => InvoicePayload, {
    nullable: true,
    description: 'Change a DRAFT’s customer, deal, currency, dates or discount; memo and terms until it is VOID.',
  })
  invoiceUpdate(@Arg('input', () => InvoiceUpdateInput) input: InvoiceUpdateInput, @Ctx() context: Context): Promise<InvoicePayload> {
    return mutationPayload(async () => ({ invoice: await this.services.invoices.update(context.request, input) }));
  }

  @Mutation(() => InvoiceLinePayload, { nullable: true, description: 'Add a line to a DRAFT invoice (the totals are computed again).' })
  invoiceLineAdd(@Arg('input', () => InvoiceLineAddInput) input: InvoiceLineAddInput, @Ctx() context: Context): Promise<InvoiceLinePayload> {
    return mutationPayload(() => this.services.invoices.addLine(context.request, input));
  }

  @Mutation(() => InvoiceLinePayload, { nullable: true, description: 'Change or move a line of a DRAFT invoice.' })
  invoiceLineUpdate(@Arg('input', () => InvoiceLineUpdateInput) input: InvoiceLineUpdateInput, @Ctx() context: Context): Promise<InvoiceLinePayload> {
    return mutationPayload(() => this.services.invoices.updateLine(context.request, input));
  }

  @Mutation(() => InvoiceLineRemovePayload, { nullable: true, description: 'Remove a line from a DRAFT invoice.' })
  invoiceLineRemove(@Arg('input', () => InvoiceLineRemoveInput) input: { id: string }, @Ctx() context: Context): Promise<InvoiceLineRemovePayload> {
    return mutationPayload(async () => ({ invoice: await this.services.invoices.removeLine(context.request, input), removedInvoiceLineId: input.id }));
  }

  @Mutation(() => InvoicePayload, { nullable: true, description: 'Cancel an invoice for good (VOID); a PAID one is refunded instead.' })
  invoiceVoid(@Arg('input', () => InvoiceVoidInput) input: { id: string }, @Ctx() context: Context): Promise<InvoicePayload> {
    return mutationPayload(async () => ({ invoice: await this.services.invoices.void(context.request, input) }));
  }

  @Mutation(() => InvoicePayload, { nullable: true, description: 'Copy an invoice into a new DRAFT with a new number and the same lines.' })
  invoiceDuplicate(@Arg('input', () => InvoiceDuplicateInput) input: InvoiceDuplicateInput, @Ctx() context: Context): Promise<InvoicePayload> {
    return mutationPayload(async () => ({ invoice: await this.services.invoices.duplicate(context.request, input) }));
  }

  @Mutation(() => InvoiceDeletePayload, {
    nullable: true,
    description: 'Move a DRAFT invoice to the trash (it can be restored); issued invoices are voided instead.',
  })
  invoiceDelete(@Arg('input', () => InvoiceDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedInvoiceId: await this.services.invoices.delete(context.request, input) }));
  }

  @Mutation(() => InvoicePayload, { nullable: true, description: 'Bring an invoice back from the trash.' })
  invoiceRestore(@Arg('input', () => InvoiceRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<InvoicePayload> {
    return mutationPayload(async () => ({ invoice: await this.services.invoices.restore(context.request, input) }));
  }

  @Mutation(() => InvoiceSettingsPayload, { nullable: true, description: 'Set how invoices are numbered (owners and admins); numbers already given stay.' })
  invoiceSettingsUpdate(
    @Arg('input', () => InvoiceSettingsUpdateInput) input: InvoiceSettingsUpdateInput,
    @Ctx() context: Context,
  ): Promise<InvoiceSettingsPayload> {
    return mutationPayload(async () => ({ settings: await this.services.invoices.updateSettings(context.request, input) }));
  }

  @FieldResolver(() => [InvoiceLine], { description: 'Its lines, in order.' })
  lines(@Root() invoice: Invoice, @Ctx() context: Context): Promise<InvoiceLine[]> {
    return invoiceLines(context).load(invoice);
  }

  @FieldResolver(() => ContactRef, { nullable: true, description: 'The customer (a CRM contact); null once it is deleted or when you cannot read it.' })
  contact(@Root() invoice: Invoice): ContactRef {
    return ContactRef.of(invoice.contactId);
  }

  @FieldResolver(() => DealRef, { nullable: true, description: 'The CRM deal it bills, if any.' })
  deal(@Root() invoice: Invoice): DealRef | null {
    return invoice.dealId ? DealRef.of(invoice.dealId) : null;
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who created it.' })
  createdBy(@Root() invoice: Invoice): UserRef {
    return UserRef.of(invoice.createdBy);
  }
}
