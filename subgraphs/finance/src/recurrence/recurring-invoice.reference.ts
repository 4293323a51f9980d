import { referenceThroughLoader } from '@cellgraph/kernel';
import type { FinanceServices } from '../services.js';
import { recurringInvoiceById } from './recurring-invoice.loaders.js';

export const resolveRecurringInvoiceReference = referenceThroughLoader<FinanceServices, unknown>('RecurringInvoice', (context) =>
  recurringInvoiceById(context.services, context.loaders, context.request),
);
