import type { LoaderRegistry, RequestContext, SubgraphContext } from '@cellgraph/kernel';
import type { FinanceServices } from '../services.js';
import type { Expense } from './expense.entity.js';

/** Expenses by id for the caller: null when absent (or in the trash), a FORBIDDEN error when unreadable. */
export const expenseById = ({ expenses }: FinanceServices, loaders: LoaderRegistry, request: RequestContext) => expenses.access.loader(loaders, request);

/** One expense for a field or query; an unreadable one raises its FORBIDDEN error at that field. */
export const loadExpense = (context: SubgraphContext<FinanceServices>, id: string | null): Promise<Expense | null> =>
  context.services.expenses.access.loadReadable(context.loaders, context.request, id);
