import { referenceThroughLoader } from '@cellgraph/kernel';
import type { FinanceServices } from '../services.js';
import { paymentById } from './payment.loaders.js';

export const resolvePaymentReference = referenceThroughLoader<FinanceServices, unknown>('Payment', (context) =>
  paymentById(context.services, context.loaders, context.request),
);
