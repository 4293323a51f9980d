import { describe, expect, it } from 'vitest';
import { mayMove } from './expense-status.js';
import { ExpenseStatus } from './expense.entity.js';

const { PENDING, APPROVED, REJECTED, REIMBURSED } = ExpenseStatus;

describe('expense status moves', () => {
  it('decides a pending expense, then pays back an approved one; nothing else', () => {
    const allowed = Object.values(ExpenseStatus).flatMap((from) =>
      Object.values(ExpenseStatus)
        .filter((to) => mayMove(from, to))
        .map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual([`${PENDING}→${APPROVED}`, `${PENDING}→${REJECTED}`, `${APPROVED}→${REIMBURSED}`]);
  });
});
