import { ExpenseStatus } from './expense.entity.js';

/** The moves an expense may make: a decision on a pending one, then paying back an approved one. */
const NEXT: Readonly<Record<ExpenseStatus, readonly ExpenseStatus[]>> = {
  [ExpenseStatus.PENDING]: [ExpenseStatus.APPROVED, ExpenseStatus.REJECTED],
  [ExpenseStatus.APPROVED]: [ExpenseStatus.REIMBURSED],
  [ExpenseStatus.REJECTED]: [],
  [ExpenseStatus.REIMBURSED]: [],
};

export const mayMove = (from: ExpenseStatus, to: ExpenseStatus): boolean => NEXT[from].includes(to);
