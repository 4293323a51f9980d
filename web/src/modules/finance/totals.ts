import { minorDigits } from '../crm/money';

/*
 * The invoice totals preview, computed in the browser exactly as the finance subgraph computes them
 * (subgraphs/finance/src/invoice/invoice-totals.ts), in integer minor units (BigInt), never floats:
 *
 *   line amount    = quantity × unit price                      (rounded half up once)
 *   subtotal       = Σ line amounts
 *   discount total = the fixed amount (capped at the subtotal), or subtotal × percent / 100 (rounded)
 *   line discount  = the discount total shared in proportion to the line amounts, in whole minor
 *                    units (floors, then one unit each by largest remainder, earlier lines on ties)
 *   line tax       = (line amount − line discount) × tax rate / 100 (rounded)
 *   total          = subtotal − discount total + tax total
 *
 * It is only a preview while typing: after a save the server's amounts are shown.
 */

export interface LineFigures {
  /** Blank: 1 (the API's default). */
  quantity: string;
  unitPrice: string;
  /** Percent; blank: 0. */
  taxRate: string;
}

export type DiscountValue = { kind: 'AMOUNT' | 'PERCENT'; value: string } | null;

export interface LineTotals {
  amount: string;
  discountAmount: string;
  taxAmount: string;
}

export interface InvoiceTotals {
  lines: LineTotals[];
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  total: string;
}

/** A non-negative decimal as integer units and a scale ("12.50" → 1250n, 2). */
interface Decimal {
  units: bigint;
  scale: number;
}

const NON_NEGATIVE = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/;

/** Parses a non-negative decimal as typed ("1.5", "3", ".25"); null for anything else. */
export function parseAmount(text: string): Decimal | null {
  const match = NON_NEGATIVE.exec(text.trim());
  if (!match) return null;
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? match[3] ?? '';
  return { units: BigInt(whole + fraction), scale: fraction.length };
}

const pow10 = (digits: number) => 10n ** BigInt(digits);

/** numerator / denominator (both ≥ 0, denominator > 0) rounded half up to an integer. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

/** A decimal in minor units of `exponent` digits, rounded half up. */
function toMinor(value: Decimal, exponent: number): bigint {
  return value.scale <= exponent ? value.units * pow10(exponent - value.scale) : divideHalfUp(value.units, pow10(value.scale - exponent));
}

/** Minor units as the API writes amounts ("1250.50", "500" in JPY). */
export function formatMinor(units: bigint, exponent: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : ''}`;
}

/**
 * The amounts of an invoice in `currency` with these lines (in position order) and discount, or
 * null while a figure is not a number yet (the form says which).
 */
export function computeTotals(currency: string, lines: readonly LineFigures[], discount: DiscountValue): InvoiceTotals | null {
  const exponent = minorDigits(currency);
  const parsed = lines.map((line) => ({
    quantity: parseAmount(line.quantity.trim() || '1'),
    unitPrice: parseAmount(line.unitPrice),
    taxRate: parseAmount(line.taxRate.trim() || '0'),
  }));
  if (parsed.some((line) => !line.quantity || !line.unitPrice || !line.taxRate)) return null;
  const amounts = parsed.map(({ quantity, unitPrice }) =>
    toMinor({ units: quantity!.units * unitPrice!.units, scale: quantity!.scale + unitPrice!.scale }, exponent),
  );
  const subtotal = amounts.reduce((sum, amount) => sum + amount, 0n);
  const discountValue = discount ? parseAmount(discount.value) : null;
  if (discount && !discountValue) return null;
  const discountTotal = discountOf(subtotal, discount?.kind, discountValue, exponent);
  const shares = shareOut(discountTotal, amounts);
  const taxes = parsed.map(({ taxRate }, index) => divideHalfUp((amounts[index]! - shares[index]!) * taxRate!.units, pow10(taxRate!.scale) * 100n));
  const taxTotal = taxes.reduce((sum, tax) => sum + tax, 0n);
  const text = (units: bigint) => formatMinor(units, exponent);
  return {
    lines: amounts.map((amount, index) => ({ amount: text(amount), discountAmount: text(shares[index]!), taxAmount: text(taxes[index]!) })),
    subtotal: text(subtotal),
    discountTotal: text(discountTotal),
    taxTotal: text(taxTotal),
    total: text(subtotal - discountTotal + taxTotal),
  };
}

function discountOf(subtotal: bigint, kind: 'AMOUNT' | 'PERCENT' | undefined, value: Decimal | null, exponent: number): bigint {
  if (!kind || !value) return 0n;
  if (kind === 'PERCENT') return divideHalfUp(subtotal * value.units, pow10(value.scale) * 100n);
  const fixed = toMinor(value, exponent);
  return fixed > subtotal ? subtotal : fixed;
}

/** `total` (≤ Σ amounts) in whole-unit shares proportional to `amounts`, summing to `total` exactly. */
function shareOut(total: bigint, amounts: readonly bigint[]): bigint[] {
  const whole = amounts.reduce((sum, amount) => sum + amount, 0n);
  if (total === 0n || whole === 0n) return amounts.map(() => 0n);
  const exact = amounts.map((amount) => total * amount);
  const floors = exact.map((value) => value / whole);
  let left = total - floors.reduce((sum, value) => sum + value, 0n);
  const order = exact
    .map((value, index) => ({ remainder: value % whole, index }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (left <= 0n) break;
    floors[index] = floors[index]! + 1n;
    left--;
  }
  return floors;
}
