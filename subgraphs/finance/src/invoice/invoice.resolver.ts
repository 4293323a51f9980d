import { fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { FinanceServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Invoice } from './invoice.entity.js';
import {
  InvoiceConnection,
  InvoiceCreateInput,
  InvoiceDeleteInput,
  InvoiceDeletePayload,
  InvoicePayload,
  InvoiceRestoreInput,
  InvoicesArgs,
  InvoiceUpdateInput,
} from './invoice.inputs.js';
import { loadInvoice } from './invoice.loaders.js';

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

  @Mutation(() => InvoicePayload, { nullable: true })
  invoiceCreate(@Arg('input', () => InvoiceCreateInput) input: InvoiceCreateInput, @Ctx() context: Context): Promise<InvoicePayload> {
    return mutationPayload(async () => ({ invoice: await this.services.invoices.create(context.request, input) }));
  }

  @Mutation(() => InvoicePayload, { nullable: true })
  invoiceUpdate(@Arg('input', () => InvoiceUpdateInput) input: InvoiceUpdateInput, @Ctx() context: Context): Promise<InvoicePayload> {
    return mutationPayload(async () => ({ invoice: await this.services.invoices.update(context.request, input) }));
  }

  @Mutation(() => InvoiceDeletePayload, { nullable: true, description: 'Move an invoice to the trash (it can be restored).' })
  invoiceDelete(@Arg('input', () => InvoiceDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedInvoiceId: await this.services.invoices.delete(context.request, input) }));
  }

  @Mutation(() => InvoicePayload, { nullable: true, description: 'Bring an invoice back from the trash.' })
  invoiceRestore(@Arg('input', () => InvoiceRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<InvoicePayload> {
    return mutationPayload(async () => ({ invoice: await this.services.invoices.restore(context.request, input) }));
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who created it.' })
  createdBy(@Root() invoice: Invoice): UserRef {
    return UserRef.of(invoice.createdBy);
  }
}
