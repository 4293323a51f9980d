/**
 * Exact decimal arithmetic for money: the API's amounts are Decimal strings ("1250.50"), and a
 * sum of them must never go through a float (0.1 + 0.2 !== 0.3). A decimal is an integer of
 * units (BigInt) and a scale (digits after the point).
 */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$|^([+-])?\.(\d+)$/;

/** Parses "1250.50", "-3", ".5"; throws on anything else (exponents, NaN, blanks). */
export function parseDecimal(text: string): Decimal {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new RangeError(`Not a decimal number: "${text}"`);
  const sign = match[1] ?? match[4];
  const whole = match[2] ?? '0';
  const fraction = match[3] ?? match[5] ?? '';
  const units = BigInt(whole + fraction);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

function rescale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

export function addDecimals(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

/** Σ of decimal strings, exact; "0" for none. */
export function sumDecimals(values: readonly string[]): Decimal {
  return values.reduce<Decimal>((sum, value) => addDecimals(sum, parseDecimal(value)), { units: 0n, scale: 0 });
}

/** The decimal as a string with at least `minScale` fraction digits (padding only, never rounding). */
export function formatDecimal(value: Decimal, minScale = 0): string {
  const scale = Math.max(value.scale, minScale);
  const units = rescale(value, scale);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
