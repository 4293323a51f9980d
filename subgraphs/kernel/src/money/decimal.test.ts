import { describe, expect, it } from 'vitest';
import { currencyExponent } from './currency.js';
import { fitsCurrency, formatAmount, parseDecimal } from './decimal.js';
import { Money } from './money.js';

describe('decimals', () => {
  it('reads strings exactly and numbers only when short enough to be exact', () => {
    expect(parseDecimal('1250.50')).toBe('1250.5');
    expect(parseDecimal(' 0010.000 ')).toBe('10');
    expect(parseDecimal('123456789012345678901234.123456789')).toBe('123456789012345678901234.123456789');
    expect(parseDecimal(0.1)).toBe('0.1');
    expect(parseDecimal(42)).toBe('42');
    expect(() => parseDecimal(0.1 + 0.2)).toThrow(/strings/);
    expect(() => parseDecimal('1e3')).toThrow();
    expect(() => parseDecimal('12,5')).toThrow();
    expect(() => parseDecimal(Number.NaN)).toThrow();
    expect(() => parseDecimal(true)).toThrow();
  });

  it('knows each currency’s minor units and rounds half up to them', () => {
    expect([currencyExponent('USD'), currencyExponent('JPY'), currencyExponent('BHD')]).toEqual([2, 0, 3]);
    expect(fitsCurrency('10.5', 'JPY')).toBe(false);
    expect(fitsCurrency('10.125', 'BHD')).toBe(true);
    expect(fitsCurrency('1000000000000000', 'USD')).toBe(false);
    expect(fitsCurrency('999999999999999.99', 'USD')).toBe(true);
    expect(formatAmount('2.345', 'USD')).toBe('2.35');
    expect(formatAmount('2.3449999', 'USD')).toBe('2.34');
    expect(formatAmount('1000.0000', 'JPY')).toBe('1000');
    expect(Money.of('0.1', 'EUR')).toEqual(Object.assign(new Money(), { amount: '0.10', currencyCode: 'EUR' }));
  });
});
