import { argumentsKey, groupToKeys, type Connection, type LoaderRegistry, type RequestContext, type SubgraphContext } from '@cellgraph/kernel';
import type { FinanceServices } from '../services.js';
import type { InvoiceLine } from './invoice-line.entity.js';
import type { Invoice } from './invoice.entity.js';
import type { InvoicesArgs } from './invoice.inputs.js';

/*
 * Per-request DataLoaders of invoices: N parents cost one query.
 */

/** Invoices by id for the caller: null when absent (or in the trash), a FORBIDDEN error when unreadable. */
export const invoiceById = ({ invoices }: FinanceServices, loaders: LoaderRegistry, request: RequestContext) => invoices.access.loader(loaders, request);

/** One invoice for a field or query; an unreadable one raises its FORBIDDEN error at that field. */
export const loadInvoice = (context: SubgraphContext<FinanceServices>, id: string | null): Promise<Invoice | null> =>
  context.services.invoices.access.loadReadable(context.loaders, context.request, id);

/** The lines of invoices the caller has loaded, in position order. */
export const invoiceLines = (context: SubgraphContext<FinanceServices>) =>
  context.loaders.get<Invoice, InvoiceLine[], string>('finance.invoiceLines', (invoices) => context.services.invoices.linesOf(context.request, invoices), {
    cacheKeyFn: (invoice) => invoice.id,
  });

/** One page of invoices per contact or deal, for one set of arguments: one statement for every parent of a page. */
export const groupedInvoices = (context: SubgraphContext<FinanceServices>, group: 'contactId' | 'dealId', args: InvoicesArgs) =>
  context.loaders.get<string, Connection<Invoice>>(`finance.invoices.${group}:${argumentsKey(args)}`, (keys) =>
    context.services.invoices.listGrouped(context.request, `invoice.${group}`, keys, args),
  );

/** Per contact, the amount due of its open invoices per currency: one statement for every contact of a page. */
export const balancesDue = (context: SubgraphContext<FinanceServices>) =>
  context.loaders.get('finance.balancesDue', async (contactIds: readonly string[]) =>
    groupToKeys(contactIds, await context.services.invoices.balancesDue(context.request, contactIds), (row) => row.contact_id),
  );
