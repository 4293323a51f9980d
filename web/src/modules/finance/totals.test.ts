import { describe, expect, it } from 'vitest';
import { computeTotals, type DiscountValue } from './totals';

/**
 * Cases computed by the finance subgraph's own computeTotals (big.js) — the preview must agree
 * with the server to the last minor unit.
 */
const SERVER_CASES: {
  currency: string;
  lines: { quantity: string; unitPrice: string; taxRate: string }[];
  discount: { kind: string; value: string } | null;
  expected: unknown;
}[] = [
  {
    currency: 'USD',
    lines: [
      { quantity: '1.5', unitPrice: '0.25', taxRate: '0' },
      { quantity: '3', unitPrice: '0.33', taxRate: '19' },
      { quantity: '0.125', unitPrice: '1.00', taxRate: '8.875' },
    ],
    discount: null,
    expected: {
      lines: [
        { amount: '0.38', discountAmount: '0.00', taxAmount: '0.00' },
        { amount: '0.99', discountAmount: '0.00', taxAmount: '0.19' },
        { amount: '0.13', discountAmount: '0.00', taxAmount: '0.01' },
      ],
      subtotal: '1.50',
      discountTotal: '0.00',
      taxTotal: '0.20',
      total: '1.70',
    },
  },
  {
    currency: 'EUR',
    lines: [
      { quantity: '2', unitPrice: '49.99', taxRate: '19' },
      { quantity: '0.3333', unitPrice: '12.35', taxRate: '7' },
    ],
    discount: { kind: 'percent', value: '12.5' },
    expected: {
      lines: [
        { amount: '99.98', discountAmount: '12.50', taxAmount: '16.62' },
        { amount: '4.12', discountAmount: '0.51', taxAmount: '0.25' },
      ],
      subtotal: '104.10',
      discountTotal: '13.01',
      taxTotal: '16.87',
      total: '107.96',
    },
  },
  {
    currency: 'USD',
    lines: [
      { quantity: '1', unitPrice: '1', taxRate: '10' },
      { quantity: '1', unitPrice: '1', taxRate: '10' },
      { quantity: '1', unitPrice: '1', taxRate: '0' },
    ],
    discount: { kind: 'amount', value: '0.10' },
    expected: {
      lines: [
        { amount: '1.00', discountAmount: '0.04', taxAmount: '0.10' },
        { amount: '1.00', discountAmount: '0.03', taxAmount: '0.10' },
        { amount: '1.00', discountAmount: '0.03', taxAmount: '0.00' },
      ],
      subtotal: '3.00',
      discountTotal: '0.10',
      taxTotal: '0.20',
      total: '3.10',
    },
  },
  {
    currency: 'JPY',
    lines: [
      { quantity: '1.5', unitPrice: '333', taxRate: '10' },
      { quantity: '7', unitPrice: '101', taxRate: '8' },
    ],
    discount: { kind: 'amount', value: '99' },
    expected: {
      lines: [
        { amount: '500', discountAmount: '41', taxAmount: '46' },
        { amount: '707', discountAmount: '58', taxAmount: '52' },
      ],
      subtotal: '1207',
      discountTotal: '99',
      taxTotal: '98',
      total: '1206',
    },
  },
  {
    currency: 'BHD',
    lines: [
      { quantity: '0.5', unitPrice: '1.001', taxRate: '5' },
      { quantity: '3', unitPrice: '2.345', taxRate: '10' },
    ],
    discount: { kind: 'percent', value: '3.3333' },
    expected: {
      lines: [
        { amount: '0.501', discountAmount: '0.017', taxAmount: '0.024' },
        { amount: '7.035', discountAmount: '0.234', taxAmount: '0.680' },
      ],
      subtotal: '7.536',
      discountTotal: '0.251',
      taxTotal: '0.704',
      total: '7.989',
    },
  },
  {
    currency: 'USD',
    lines: [{ quantity: '1', unitPrice: '20', taxRate: '10' }],
    discount: { kind: 'amount', value: '25' },
    expected: {
      lines: [{ amount: '20.00', discountAmount: '20.00', taxAmount: '0.00' }],
      subtotal: '20.00',
      discountTotal: '20.00',
      taxTotal: '0.00',
      total: '0.00',
    },
  },
];

describe('the invoice totals preview', () => {
  it.each(SERVER_CASES.map((c) => [c.currency, c] as const))('matches the server in %s', (_, c) => {
    const discount: DiscountValue = c.discount ? { kind: c.discount.kind === 'percent' ? 'PERCENT' : 'AMOUNT', value: c.discount.value } : null;
    expect(computeTotals(c.currency, c.lines, discount)).toEqual(c.expected);
  });

  it('takes blank quantity as 1 and blank tax as 0, like the API', () => {
    expect(computeTotals('EUR', [{ quantity: '', unitPrice: '12.5', taxRate: '' }], null)).toMatchObject({
      subtotal: '12.50',
      taxTotal: '0.00',
      total: '12.50',
    });
  });

  it('is exact where floats drift', () => {
    const lines = Array.from({ length: 3 }, () => ({ quantity: '1', unitPrice: '0.1', taxRate: '0' }));
    expect(computeTotals('USD', lines, null)?.total).toBe('0.30');
    const many = Array.from({ length: 500 }, () => ({ quantity: '1', unitPrice: '0.10', taxRate: '19' }));
    expect(computeTotals('USD', many, { kind: 'PERCENT', value: '3' })).toMatchObject({ subtotal: '50.00', discountTotal: '1.50' });
  });

  it('has no preview while a figure is not a number', () => {
    expect(computeTotals('USD', [{ quantity: '2', unitPrice: '1,5', taxRate: '0' }], null)).toBeNull();
    expect(computeTotals('USD', [{ quantity: '-1', unitPrice: '3', taxRate: '0' }], null)).toBeNull();
  });
});
