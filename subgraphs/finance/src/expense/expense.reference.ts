import { referenceThroughLoader } from '@cellgraph/kernel';
import type { FinanceServices } from '../services.js';
import { expenseById } from './expense.loaders.js';

export const resolveExpenseReference = referenceThroughLoader<FinanceServices, unknown>('Expense', (context) =>
  expenseById(context.services, context.loaders, context.request),
);
