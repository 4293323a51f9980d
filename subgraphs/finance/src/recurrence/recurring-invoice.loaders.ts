import type { ConnectionArgs, LoaderRegistry, RequestContext, SubgraphContext } from '@cellgraph/kernel';
import { argumentsKey, type Connection } from '@cellgraph/kernel';
import type { Invoice } from '../invoice/invoice.entity.js';
import type { FinanceServices } from '../services.js';
import type { RecurringInvoice } from './recurring-invoice.entity.js';

/* Per-request DataLoaders of recurring invoices: N parents cost one query. */

/** Rules by id for the caller: null when absent, a FORBIDDEN error when its template is unreadable. */
export const recurringInvoiceById = ({ recurringInvoices }: FinanceServices, loaders: LoaderRegistry, request: RequestContext) =>
  recurringInvoices.access.loader(loaders, request);

/** The rule each (loaded, readable) invoice is the template of. */
export const recurrenceOfTemplate = (context: SubgraphContext<FinanceServices>) =>
  context.loaders.get<string, RecurringInvoice | null>('finance.recurrenceOfTemplate', (ids) =>
    context.services.recurringInvoices.ofTemplates(context.request, ids),
  );

/** The id of the rule that issued each (loaded, readable) invoice. */
export const issuerOfInvoice = (context: SubgraphContext<FinanceServices>) =>
  context.loaders.get<string, string | null>('finance.issuerOfInvoice', (ids) => context.services.recurringInvoices.issuersOf(context.request, ids));

/** One page of issued invoices per rule, for one set of arguments. */
export const issuedInvoices = (context: SubgraphContext<FinanceServices>, args: ConnectionArgs) =>
  context.loaders.get<string, Connection<Invoice>>(`finance.issuedInvoices:${argumentsKey(args)}`, (ids) =>
    context.services.recurringInvoices.issuedInvoices(context.request, ids, args),
  );
