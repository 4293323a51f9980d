import { fromGlobalId, Money, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Invoice } from '../invoice/invoice.entity.js';
import { InvoiceConnection, InvoicesArgs } from '../invoice/invoice.inputs.js';
import { balancesDue, groupedInvoices } from '../invoice/invoice.loaders.js';
import type { FinanceServices } from '../services.js';
import { ContactRef } from './contact.ref.js';
import { DealRef } from './deal.ref.js';

type Context = SubgraphContext<FinanceServices>;

/** What finance adds to the CRM's contacts: their invoices and what they still owe. */
@Resolver(() => ContactRef)
export class ContactFinanceResolver {
  @FieldResolver(() => InvoiceConnection, { nullable: true, description: 'Invoices to this contact that you can read (default newest first).' })
  invoices(@Root() contact: ContactRef, @Args(() => InvoicesArgs) args: InvoicesArgs, @Ctx() context: Context): Promise<Connection<Invoice>> {
    requireOrgId(context.request);
    return groupedInvoices(context, 'contactId', args).load(fromGlobalId('Contact', contact.id));
  }

  @FieldResolver(() => [Money], {
    description:
      'Σ amount due of the open invoices (SENT, VIEWED, PARTIALLY_PAID, OVERDUE) to this contact that you can read, per currency (none: nothing due).',
  })
  async balanceDue(@Root() contact: ContactRef, @Ctx() context: Context): Promise<Money[]> {
    requireOrgId(context.request);
    const rows = await balancesDue(context).load(fromGlobalId('Contact', contact.id));
    return rows.map((row) => Money.of(row.due, row.currency));
  }
}

/** What finance adds to the CRM's deals: the invoices that bill them. */
@Resolver(() => DealRef)
export class DealFinanceResolver {
  @FieldResolver(() => InvoiceConnection, { nullable: true, description: 'Invoices billing this deal that you can read (default newest first).' })
  invoices(@Root() deal: DealRef, @Args(() => InvoicesArgs) args: InvoicesArgs, @Ctx() context: Context): Promise<Connection<Invoice>> {
    requireOrgId(context.request);
    return groupedInvoices(context, 'dealId', args).load(fromGlobalId('Deal', deal.id));
  }
}
