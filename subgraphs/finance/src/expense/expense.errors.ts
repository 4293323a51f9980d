import { userError } from '@cellgraph/kernel';

/** Every code the expense aggregate answers with. */
export const ExpenseErrorCode = {
  InvalidInput: 'EXPENSE_INVALID_INPUT',
  InvalidAmount: 'EXPENSE_INVALID_AMOUNT',
  InvalidCurrency: 'EXPENSE_INVALID_CURRENCY',
  NotFound: 'EXPENSE_NOT_FOUND',
  ReceiptNotFound: 'EXPENSE_RECEIPT_NOT_FOUND',
  InvalidTransition: 'EXPENSE_INVALID_TRANSITION',
  NotEditable: 'EXPENSE_NOT_EDITABLE',
  SelfApproval: 'EXPENSE_SELF_APPROVAL',
} as const;

export const expenseNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(ExpenseErrorCode.NotFound, 'No expense with this id exists in your organization', field);

export const expenseNegativeAmount = () => userError(ExpenseErrorCode.InvalidAmount, 'The amount must be greater than zero', ['input', 'amount']);

export const expenseAmountNotOfCurrency = (currency: string, digits: number) =>
  userError(
    ExpenseErrorCode.InvalidAmount,
    `An amount in ${currency} has at most ${digits} decimal ${digits === 1 ? 'place' : 'places'} and 15 integer digits`,
    ['input', 'amount'],
  );

export const expenseInvalidCurrency = () =>
  userError(ExpenseErrorCode.InvalidCurrency, 'Not an ISO 4217 currency code in capitals, e.g. "EUR"', ['input', 'currencyCode']);

export const expenseReceiptNotFound = () =>
  userError(ExpenseErrorCode.ReceiptNotFound, 'No file with this id exists in your organization that you can read', ['input', 'receiptId']);

export const expenseInvalidTransition = (from: string, to: string) =>
  userError(ExpenseErrorCode.InvalidTransition, `An expense that is ${from} cannot become ${to}`, ['input', 'id']);

export const expenseNotEditable = (status: string) =>
  userError(ExpenseErrorCode.NotEditable, `An expense can be changed only while pending (this one is ${status})`, ['input', 'id']);

export const expenseSelfApproval = () =>
  userError(ExpenseErrorCode.SelfApproval, 'Nobody may approve or reject their own expense: another finance manager decides', ['input', 'id']);
