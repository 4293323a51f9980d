import { describe, expect, it } from 'vitest';
import { addDecimals, formatDecimal, parseDecimal, sumDecimals } from './decimal';
import { formatMoney, minorDigits, totalsByCurrency } from './money';

describe('exact decimals', () => {
  it('parses and prints decimal strings without floats', () => {
    expect(parseDecimal('1250.50')).toEqual({ units: 125050n, scale: 2 });
    expect(parseDecimal('-3')).toEqual({ units: -3n, scale: 0 });
    expect(parseDecimal('.5')).toEqual({ units: 5n, scale: 1 });
    expect(formatDecimal(parseDecimal('-0.05'))).toBe('-0.05');
    expect(formatDecimal(parseDecimal('7'), 2)).toBe('7.00');
    expect(() => parseDecimal('1e3')).toThrow(RangeError);
    expect(() => parseDecimal('')).toThrow(RangeError);
    expect(() => parseDecimal('NaN')).toThrow(RangeError);
  });

  it('adds exactly: 0.1 + 0.2 = 0.3', () => {
    expect(formatDecimal(addDecimals(parseDecimal('0.1'), parseDecimal('0.2')))).toBe('0.3');
    expect(formatDecimal(sumDecimals(['0.1', '0.2']), 2)).toBe('0.30');
  });

  it('keeps every digit of large amounts', () => {
    expect(formatDecimal(sumDecimals(['99999999999999999.99', '0.01']))).toBe('100000000000000000.00');
    expect(formatDecimal(sumDecimals(['9007199254740993', '1']))).toBe('9007199254740994');
    expect(formatDecimal(sumDecimals(['-10.005', '10']))).toBe('-0.005');
    expect(formatDecimal(sumDecimals([]))).toBe('0');
  });
});

describe('money', () => {
  it('totals per currency, never mixing them, with the currency minor digits', () => {
    expect(
      totalsByCurrency([
        { amount: '0.1', currencyCode: 'USD' },
        { amount: '1000', currencyCode: 'JPY' },
        { amount: '0.2', currencyCode: 'USD' },
        { amount: '0.001', currencyCode: 'KWD' },
      ]),
    ).toEqual([
      { currencyCode: 'USD', amount: '0.30', count: 2 },
      { currencyCode: 'JPY', amount: '1000', count: 1 },
      { currencyCode: 'KWD', amount: '0.001', count: 1 },
    ]);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('EUR')).toBe(2);
  });

  it('formats amounts exactly', () => {
    expect(formatMoney({ amount: '12345678901234567.89', currencyCode: 'USD' }, 'en-US')).toBe('$12,345,678,901,234,567.89');
    expect(formatMoney({ amount: '0.3', currencyCode: 'USD' }, 'en-US')).toBe('$0.30');
  });
});
