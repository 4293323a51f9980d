import { activeTranslator, useTranslator } from '../../app/i18n';
import { formatDecimal, sumDecimals } from './decimal';

export interface MoneyValue {
  amount: string;
  currencyCode: string;
}

/** Digits after the point of a currency (2 for EUR, 0 for JPY, 3 for KWD); 2 when unknown. */
export function minorDigits(currencyCode: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currencyCode }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Totals per currency, exact (BigInt decimals, never floats), each with at least its currency's
 * minor digits ("0.30" USD), in the order currencies first appear. Amounts are never converted
 * between currencies.
 */
export function totalsByCurrency(values: readonly MoneyValue[]): { currencyCode: string; amount: string; count: number }[] {
  const groups = new Map<string, string[]>();
  for (const value of values) {
    const group = groups.get(value.currencyCode) ?? [];
    group.push(value.amount);
    groups.set(value.currencyCode, group);
  }
  return [...groups].map(([currencyCode, amounts]) => ({
    currencyCode,
    amount: formatDecimal(sumDecimals(amounts), minorDigits(currencyCode)),
    count: amounts.length,
  }));
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * An amount in the reader's locale (the active translator's, or `locale`), exactly: Intl formats
 * the decimal string itself (no float), with every digit the amount has.
 */
export function formatMoney(value: MoneyValue, locale: string = activeTranslator().locale): string {
  const fraction = value.amount.split('.')[1]?.length ?? 0;
  const digits = Math.max(fraction, minorDigits(value.currencyCode));
  const key = `${locale}|${value.currencyCode}|${digits}`;
  try {
    let format = moneyFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: value.currencyCode,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      moneyFormats.set(key, format);
    }
    // Intl.NumberFormat formats decimal strings exactly (ES2023); its types still say number.
    return format.format(value.amount as unknown as number);
  } catch {
    return `${value.amount} ${value.currencyCode}`;
  }
}

/** An amount, readable in the reader's locale, with its exact value in the markup (`<data value>`). */
export function Money({ value, className }: { value: MoneyValue; className?: string }) {
  const { locale } = useTranslator();
  return (
    <data value={`${value.amount} ${value.currencyCode}`} className={`money ${className ?? ''}`}>
      {formatMoney(value, locale)}
    </data>
  );
}
