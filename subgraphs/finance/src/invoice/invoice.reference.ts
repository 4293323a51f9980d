import { referenceThroughLoader } from '@cellgraph/kernel';
import type { FinanceServices } from '../services.js';
import { invoiceById } from './invoice.loaders.js';

export const resolveInvoiceReference = referenceThroughLoader<FinanceServices, unknown>('Invoice', (context) =>
  invoiceById(context.services, context.loaders, context.request),
);
