import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { amountDue, computeTotals, type LineFigures } from './invoice-totals.js';

const line = (quantity: string, unitPrice: string, taxRate = '0'): LineFigures => ({ quantity, unitPrice, taxRate });

describe('invoice totals', () => {
  it('rounds each line amount once, half up, to the currency’s minor units', () => {
    const totals = computeTotals('USD', [line('1.5', '0.25'), line('3', '0.33'), line('0.125', '1.00')], null);
    // 0.375 → 0.38; 0.99; 0.125 → 0.13
    expect(totals.lines.map((l) => l.amount)).toEqual(['0.38', '0.99', '0.13']);
    expect(totals).toMatchObject({ subtotal: '1.50', discountTotal: '0.00', taxTotal: '0.00', total: '1.50' });
  });

  it('taxes each line on its amount, rounded half up per line', () => {
    const totals = computeTotals('EUR', [line('1', '10.05', '19'), line('2', '0.10', '7')], null);
    // 10.05 × 19% = 1.9095 → 1.91; 0.20 × 7% = 0.014 → 0.01
    expect(totals.lines.map((l) => l.taxAmount)).toEqual(['1.91', '0.01']);
    expect(totals).toMatchObject({ subtotal: '10.25', taxTotal: '1.92', total: '12.17' });
  });

  it('has no minor units in JPY and three in BHD', () => {
    expect(computeTotals('JPY', [line('1.5', '333', '10')], null)).toMatchObject({ subtotal: '500', taxTotal: '50', total: '550' });
    expect(computeTotals('BHD', [line('0.5', '1.001')], null)).toMatchObject({ subtotal: '0.501', total: '0.501' });
  });

  it('takes a percent discount off the subtotal before tax, shared over the lines in proportion', () => {
    const totals = computeTotals('USD', [line('1', '100', '10'), line('1', '50', '0')], { kind: 'percent', value: '10' });
    expect(totals.lines.map((l) => [l.amount, l.discountAmount, l.taxAmount])).toEqual([
      ['100.00', '10.00', '9.00'],
      ['50.00', '5.00', '0.00'],
    ]);
    expect(totals).toMatchObject({ subtotal: '150.00', discountTotal: '15.00', taxTotal: '9.00', total: '144.00' });
  });

  it('shares an indivisible discount in whole cents summing to it exactly (largest remainder, then earlier lines)', () => {
    const totals = computeTotals('USD', [line('1', '1'), line('1', '1'), line('1', '1')], { kind: 'amount', value: '0.10' });
    expect(totals.lines.map((l) => l.discountAmount)).toEqual(['0.04', '0.03', '0.03']);
    expect(totals).toMatchObject({ discountTotal: '0.10', total: '2.90' });
  });

  it('caps a fixed discount at the subtotal and rounds a percent discount half up', () => {
    expect(computeTotals('USD', [line('1', '20', '10')], { kind: 'amount', value: '25' })).toMatchObject({
      discountTotal: '20.00',
      taxTotal: '0.00',
      total: '0.00',
    });
    expect(computeTotals('USD', [line('1', '0.05')], { kind: 'percent', value: '50' })).toMatchObject({ discountTotal: '0.03', total: '0.02' });
  });

  it('is exact over many lines (no floating point drift)', () => {
    const lines = Array.from({ length: 500 }, () => line('1', '0.10', '19'));
    const totals = computeTotals('USD', lines, { kind: 'percent', value: '3' });
    expect(totals.subtotal).toBe('50.00');
    expect(totals.discountTotal).toBe('1.50');
    const shares = totals.lines.reduce((sum, l) => sum.plus(l.discountAmount), new Big(0));
    expect(shares.toFixed(2)).toBe('1.50');
    const taxes = totals.lines.reduce((sum, l) => sum.plus(l.taxAmount), new Big(0));
    expect(totals.taxTotal).toBe(taxes.toFixed(2));
    expect(totals.total).toBe(new Big('50').minus('1.50').plus(totals.taxTotal).toFixed(2));
  });

  it('is zero without lines, and the amount due is total − paid', () => {
    expect(computeTotals('USD', [], { kind: 'amount', value: '5' })).toEqual({
      lines: [],
      subtotal: '0.00',
      discountTotal: '0.00',
      taxTotal: '0.00',
      total: '0.00',
    });
    expect(amountDue('12.17', '2.1', 'EUR')).toBe('10.07');
  });
});
