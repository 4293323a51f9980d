import { describe, expect, it } from 'vitest';
import { cardFee, fromMinorUnits, toMinorUnits } from './payment-fees.js';

describe('card fees', () => {
  it('are 2.9% + 0.30, rounded once half up to the currency', () => {
    expect(cardFee('100.00', 2)).toBe('3.20');
    expect(cardFee('10.50', 2)).toBe('0.60'); // 0.3045 + 0.30 = 0.6045 → 0.60
    expect(cardFee('15.00', 2)).toBe('0.74'); // 0.435 + 0.30 = 0.735 → 0.74 (half up)
    expect(cardFee('1000', 0)).toBe('29'); // JPY: 29 + 0.30 → 29
    expect(cardFee('0.10', 2)).toBe('0.10'); // never above the charge
  });

  it('convert exactly between decimals and minor units', () => {
    expect(toMinorUnits('169.72', 2)).toBe(16972);
    expect(toMinorUnits('1079', 0)).toBe(1079);
    expect(toMinorUnits('1.005', 3)).toBe(1005);
    expect(fromMinorUnits(16972, 2)).toBe('169.72');
    expect(fromMinorUnits(5, 3)).toBe('0.005');
  });
});
