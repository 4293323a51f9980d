import {
  ConnectionArgs,
  ConnectionType,
  DateComparator,
  DateTimeComparator,
  DecimalComparator,
  DeletePayload,
  EnumComparator,
  GraphQLDecimal,
  GraphQLLocalDate,
  IdempotencyKeyField,
  IdInput,
  IDComparator,
  OrderDirection,
  StringComparator,
  UserError,
} from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Expense, ExpenseCategory, ExpenseStatus } from './expense.entity.js';

@InputType()
export class ExpenseSubmitInput {
  @Field(() => ExpenseCategory)
  category!: ExpenseCategory;

  @Field(() => GraphQLDecimal, { description: 'Greater than zero, with at most the currency’s minor units, e.g. "42.50".' })
  amount!: string;

  @Field(() => String, { description: 'ISO 4217 code in capitals, e.g. "EUR" (an unknown code is EXPENSE_INVALID_CURRENCY).' })
  currencyCode!: string;

  @Field(() => GraphQLLocalDate, { description: 'When the money was spent; not in the future.' })
  expenseDate!: string;

  @Field(() => String, { nullable: true, description: 'At most 500 characters.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Who was paid; at most 200 characters.' })
  vendor?: string | null;

  @Field(() => ID, { nullable: true, description: 'A File of your organization you can read (uploaded with fileUploadBegin/fileUploadComplete).' })
  receiptId?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged; nullable fields set to null are cleared. Only while PENDING.' })
export class ExpenseUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ExpenseCategory, { nullable: true })
  category?: ExpenseCategory | null;

  @Field(() => GraphQLDecimal, { nullable: true })
  amount?: string | null;

  @Field(() => String, { nullable: true })
  currencyCode?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  expenseDate?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  vendor?: string | null;

  @Field(() => ID, { nullable: true })
  receiptId?: string | null;
}

@InputType()
export class ExpenseRejectInput {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Why it is rejected (1 to 1,000 characters); the submitter is told.' })
  reason!: string;
}

export const ExpenseApproveInput = IdInput('ExpenseApproveInput');
export const ExpenseReimburseInput = IdInput('ExpenseReimburseInput');
export const ExpenseDeleteInput = IdInput('ExpenseDeleteInput');
export const ExpenseRestoreInput = IdInput('ExpenseRestoreInput');

@ObjectType()
export class ExpensePayload {
  @Field(() => Expense, { nullable: true })
  expense?: Expense;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export const ExpenseDeletePayload = DeletePayload('ExpenseDeletePayload', 'deletedExpenseId', 'Id of the expense moved to the trash.');

const ExpenseStatusComparator = EnumComparator(ExpenseStatus, 'ExpenseStatus');
const ExpenseCategoryComparator = EnumComparator(ExpenseCategory, 'ExpenseCategory');

@InputType({ description: 'Conditions on expenses; fields combine with AND.' })
export class ExpenseFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => ExpenseStatusComparator, { nullable: true }) status?: InstanceType<typeof ExpenseStatusComparator> | null;
  @Field(() => ExpenseCategoryComparator, { nullable: true }) category?: InstanceType<typeof ExpenseCategoryComparator> | null;
  @Field(() => IDComparator, { nullable: true, description: 'Who submitted it (User ids).' }) submitter?: IDComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'Who approved or rejected it (User ids).' }) approver?: IDComparator | null;
  @Field(() => DateComparator, { nullable: true }) expenseDate?: DateComparator | null;
  @Field(() => DecimalComparator, { nullable: true, description: 'The amount, whatever the currency.' }) amount?: DecimalComparator | null;
  @Field(() => StringComparator, { nullable: true, description: 'ISO 4217 code.' }) currencyCode?: StringComparator | null;
  @Field(() => StringComparator, { nullable: true }) vendor?: StringComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => [ExpenseFilter], { nullable: true }) and?: ExpenseFilter[] | null;
  @Field(() => [ExpenseFilter], { nullable: true }) or?: ExpenseFilter[] | null;
  @Field(() => ExpenseFilter, { nullable: true }) not?: ExpenseFilter | null;
}

export enum ExpenseOrderField {
  CREATED_AT = 'createdAt',
  EXPENSE_DATE = 'expenseDate',
  AMOUNT = 'amount',
  VENDOR = 'vendor',
}
registerEnumType(ExpenseOrderField, { name: 'ExpenseOrderField', valuesConfig: { AMOUNT: { description: 'The amount, whatever the currency.' } } });

@InputType()
export class ExpenseOrder {
  @Field(() => ExpenseOrderField)
  field!: ExpenseOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@ArgsType()
export class ExpensesArgs extends ConnectionArgs {
  @Field(() => ExpenseFilter, { nullable: true })
  filter?: ExpenseFilter | null;

  @Field(() => [ExpenseOrder], { nullable: true, description: 'Default: newest first.' })
  orderBy?: ExpenseOrder[] | null;
}

export const ExpenseConnection = ConnectionType(Expense, 'Expense');
