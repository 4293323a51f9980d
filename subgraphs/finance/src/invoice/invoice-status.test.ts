import { describe, expect, it } from 'vitest';
import { canTransition, INVOICE_TRANSITIONS, InvoiceStatus, settledStatus, type SettlementState } from './invoice-status.js';

const { DRAFT, SENT, VIEWED, PARTIALLY_PAID, PAID, OVERDUE, VOID, REFUNDED } = InvoiceStatus;
const ALL = Object.values(InvoiceStatus);

/** Every legal move, written out once more: the machine of finance-model.md. */
const LEGAL = new Set(
  [
    [DRAFT, SENT],
    [DRAFT, VOID],
    [SENT, VIEWED],
    [SENT, PARTIALLY_PAID],
    [SENT, PAID],
    [SENT, OVERDUE],
    [SENT, VOID],
    [VIEWED, PARTIALLY_PAID],
    [VIEWED, PAID],
    [VIEWED, OVERDUE],
    [VIEWED, VOID],
    [PARTIALLY_PAID, PAID],
    [PARTIALLY_PAID, OVERDUE],
    [PARTIALLY_PAID, VOID],
    [PARTIALLY_PAID, REFUNDED],
    // a reversed payment leaves it unpaid
    [PARTIALLY_PAID, SENT],
    [PARTIALLY_PAID, VIEWED],
    [OVERDUE, PARTIALLY_PAID],
    [OVERDUE, PAID],
    [OVERDUE, VOID],
    [OVERDUE, REFUNDED],
    // a partial refund or a reversed payment
    [PAID, PARTIALLY_PAID],
    [PAID, OVERDUE],
    [PAID, SENT],
    [PAID, VIEWED],
    [PAID, REFUNDED],
  ].map(([from, to]) => `${from}→${to}`),
);

describe('the invoice status machine', () => {
  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))('%s → %s is legal exactly when the plan says so', (from, to) => {
    expect(canTransition(from, to)).toBe(LEGAL.has(`${from}→${to}`));
  });

  it('has VOID and REFUNDED final, a PAID invoice not voidable and no status going back to DRAFT', () => {
    expect(INVOICE_TRANSITIONS[VOID]).toEqual([]);
    expect(INVOICE_TRANSITIONS[REFUNDED]).toEqual([]);
    expect(canTransition(PAID, VOID)).toBe(false);
    expect(ALL.filter((from) => canTransition(from, DRAFT))).toEqual([]);
  });
});

describe('settledStatus', () => {
  const state = (overrides: Partial<SettlementState>): SettlementState => ({
    status: SENT,
    paidVersusTotal: -1,
    anythingPaid: false,
    refunded: false,
    pastDue: false,
    viewed: false,
    ...overrides,
  });

  it('is PAID when the total is covered (also overpaid), whatever came before', () => {
    expect(settledStatus(state({ anythingPaid: true, paidVersusTotal: 0 }))).toBe(PAID);
    expect(settledStatus(state({ anythingPaid: true, paidVersusTotal: 1, pastDue: true, status: OVERDUE }))).toBe(PAID);
  });

  it('is PARTIALLY_PAID for part of it, OVERDUE instead once past due', () => {
    expect(settledStatus(state({ anythingPaid: true }))).toBe(PARTIALLY_PAID);
    expect(settledStatus(state({ anythingPaid: true, pastDue: true }))).toBe(OVERDUE);
    expect(settledStatus(state({ status: PAID, anythingPaid: true, refunded: true }))).toBe(PARTIALLY_PAID);
  });

  it('is REFUNDED when refunds took everything back, else unpaid again', () => {
    expect(settledStatus(state({ status: PAID, refunded: true }))).toBe(REFUNDED);
    expect(settledStatus(state({ status: PARTIALLY_PAID }))).toBe(SENT);
    expect(settledStatus(state({ status: PARTIALLY_PAID, viewed: true }))).toBe(VIEWED);
    expect(settledStatus(state({ status: PAID, pastDue: true }))).toBe(OVERDUE);
  });
});
