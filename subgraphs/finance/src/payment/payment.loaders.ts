import type { LoaderRegistry, RequestContext, SubgraphContext } from '@cellgraph/kernel';
import type { FinanceServices } from '../services.js';
import type { Payment } from './payment.entity.js';

/** Ledger entries by id for the caller: null when absent, a FORBIDDEN error when unreadable. */
export const paymentById = ({ payments }: FinanceServices, loaders: LoaderRegistry, request: RequestContext) => payments.access.loader(loaders, request);

export const loadPayment = (context: SubgraphContext<FinanceServices>, id: string | null): Promise<Payment | null> =>
  context.services.payments.access.loadReadable(context.loaders, context.request, id);
