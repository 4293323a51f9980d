import { fromGlobalId, mutationPayload, requireOrgId, toGlobalId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { FileRef } from '../file/file.ref.js';
import type { FinanceServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Expense } from './expense.entity.js';
import {
  ExpenseApproveInput,
  ExpenseConnection,
  ExpenseDeleteInput,
  ExpenseDeletePayload,
  ExpensePayload,
  ExpenseReimburseInput,
  ExpenseRejectInput,
  ExpenseRestoreInput,
  ExpensesArgs,
  ExpenseSubmitInput,
  ExpenseUpdateInput,
} from './expense.inputs.js';
import { loadExpense } from './expense.loaders.js';

type Context = SubgraphContext<FinanceServices>;

@Resolver(() => Expense)
export class ExpenseResolver {
  constructor(private readonly services: FinanceServices) {}

  @Query(() => Expense, { nullable: true, description: 'An expense of your organization, or null.' })
  expense(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Expense | null> {
    requireOrgId(context.request);
    return loadExpense(context, fromGlobalId('Expense', id));
  }

  @Query(() => ExpenseConnection, { nullable: true, description: 'Expenses of your organization.' })
  expenses(@Args(() => ExpensesArgs) args: ExpensesArgs, @Ctx() context: Context): Promise<Connection<Expense>> {
    return this.services.expenses.list(context.request, args);
  }

  @Mutation(() => ExpensePayload, { nullable: true, description: 'Submit an expense for approval (PENDING); the finance managers are notified.' })
  expenseSubmit(@Arg('input', () => ExpenseSubmitInput) input: ExpenseSubmitInput, @Ctx() context: Context): Promise<ExpensePayload> {
    return mutationPayload(async () => ({ expense: await this.services.expenses.submit(context.request, input) }));
  }

  @Mutation(() => ExpensePayload, { nullable: true, description: 'Change a PENDING expense (its submitter or a finance manager).' })
  expenseUpdate(@Arg('input', () => ExpenseUpdateInput) input: ExpenseUpdateInput, @Ctx() context: Context): Promise<ExpensePayload> {
    return mutationPayload(async () => ({ expense: await this.services.expenses.update(context.request, input) }));
  }

  @Mutation(() => ExpensePayload, { nullable: true, description: 'Approve a PENDING expense (finance managers; never one’s own). The submitter is notified.' })
  expenseApprove(@Arg('input', () => ExpenseApproveInput) input: { id: string }, @Ctx() context: Context): Promise<ExpensePayload> {
    return mutationPayload(async () => ({ expense: await this.services.expenses.approve(context.request, input) }));
  }

  @Mutation(() => ExpensePayload, {
    nullable: true,
    description: 'Reject a PENDING expense with a reason (finance managers; never one’s own). The submitter is notified.',
  })
  expenseReject(@Arg('input', () => ExpenseRejectInput) input: ExpenseRejectInput, @Ctx() context: Context): Promise<ExpensePayload> {
    return mutationPayload(async () => ({ expense: await this.services.expenses.reject(context.request, input) }));
  }

  @Mutation(() => ExpensePayload, { nullable: true, description: 'Mark an APPROVED expense paid back (finance managers). The submitter is notified.' })
  expenseReimburse(@Arg('input', () => ExpenseReimburseInput) input: { id: string }, @Ctx() context: Context): Promise<ExpensePayload> {
    return mutationPayload(async () => ({ expense: await this.services.expenses.reimburse(context.request, input) }));
  }

  @Mutation(() => ExpenseDeletePayload, { nullable: true, description: 'Move an expense to the trash (it can be restored).' })
  expenseDelete(@Arg('input', () => ExpenseDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedExpenseId: await this.services.expenses.delete(context.request, input) }));
  }

  @Mutation(() => ExpensePayload, { nullable: true, description: 'Bring an expense back from the trash.' })
  expenseRestore(@Arg('input', () => ExpenseRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<ExpensePayload> {
    return mutationPayload(async () => ({ expense: await this.services.expenses.restore(context.request, input) }));
  }

  @FieldResolver(() => FileRef, { nullable: true, description: 'The receipt (null for a reader who may not read the file).' })
  receipt(@Root() expense: Expense): FileRef | null {
    return expense.receiptFileId ? FileRef.of(toGlobalId('File', expense.receiptFileId)) : null;
  }

  @FieldResolver(() => UserRef, { description: 'Who submitted it (and is paid back).' })
  submitter(@Root() expense: Expense): UserRef {
    return UserRef.of(expense.submittedBy);
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who approved or rejected it.' })
  approver(@Root() expense: Expense): UserRef | null {
    return expense.decidedBy ? UserRef.of(expense.decidedBy) : null;
  }
}
