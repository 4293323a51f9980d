import { userError, text } from '@cellgraph/kernel';
import { financeErrorTexts } from '../messages.js';

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

export const expenseNotFound = (field: (string | number)[] = ['input', 'id']) => userError(ExpenseErrorCode.NotFound, financeErrorTexts.expenseNotFound, field);

export const expenseNegativeAmount = () => userError(ExpenseErrorCode.InvalidAmount, financeErrorTexts.expenseAmountNotPositive, ['input', 'amount']);

export const expenseAmountNotOfCurrency = (currency: string, digits: number) =>
  userError(ExpenseErrorCode.InvalidAmount, text(financeErrorTexts.expenseAmountPrecision, { currency, digits }), ['input', 'amount']);

export const expenseInvalidCurrency = () => userError(ExpenseErrorCode.InvalidCurrency, financeErrorTexts.currencyCode, ['input', 'currencyCode']);

export const expenseReceiptNotFound = () => userError(ExpenseErrorCode.ReceiptNotFound, financeErrorTexts.fileNotFound, ['input', 'receiptId']);

export const expenseInvalidTransition = (from: string, to: string) =>
  userError(ExpenseErrorCode.InvalidTransition, text(financeErrorTexts.expenseInvalidTransition, { from, to }), ['input', 'id']);

export const expenseNotEditable = (status: string) =>
  userError(ExpenseErrorCode.NotEditable, text(financeErrorTexts.expenseNotEditable, { status }), ['input', 'id']);

export const expenseSelfApproval = () => userError(ExpenseErrorCode.SelfApproval, financeErrorTexts.ownExpense, ['input', 'id']);
