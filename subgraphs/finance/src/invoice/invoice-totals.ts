import { currencyExponent, formatAmount } from '@cellgraph/kernel';
import Big from 'big.js';

/*
 * An invoice's amounts, computed by the server from its lines (exact: big.js, each amount rounded
 * once, half up, to the currency's minor units):
 *
 *   line amount    = quantity × unit price                      (rounded)
 *   subtotal       = Σ line amounts
 *   discount total = the fixed amount (capped at the subtotal), or subtotal × percent / 100 (rounded)
 *   line discount  = the discount total shared over the lines in proportion to their amounts, in
 *                    whole minor units (largest remainder first, then by position): Σ = discount total
 *   line tax       = (line amount − line discount) × tax rate / 100 (rounded): the discount lowers
 *                    what is taxed, as Stripe applies discounts before tax
 *   tax total      = Σ line taxes
 *   total          = subtotal − discount total + tax total
 *   amount due     = total − amount paid (net of refunds)
 */

export interface LineFigures {
  quantity: string;
  unitPrice: string;
  /** Percent, e.g. "19" or "8.875". */
  taxRate: string;
}

/** An invoice-level discount: a fixed amount in the invoice's currency, or a percentage of the subtotal. */
export type InvoiceDiscountValue = { kind: 'amount' | 'percent'; value: string } | null;

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

/** Rounded once, half up, to the currency's minor units. */
const round = (value: Big, exponent: number) => value.round(exponent, Big.roundHalfUp);

/** The amounts of an invoice in `currency` with these lines (in position order) and discount. */
export function computeTotals(currency: string, lines: readonly LineFigures[], discount: InvoiceDiscountValue): InvoiceTotals {
  const exponent = currencyExponent(currency);
  const amounts = lines.map((line) => round(new Big(line.quantity).times(line.unitPrice), exponent));
  const subtotal = amounts.reduce((sum, amount) => sum.plus(amount), new Big(0));
  const discountTotal = discountOf(subtotal, discount, exponent);
  const shares = shareOut(discountTotal, amounts, exponent);
  const taxes = lines.map((line, index) => round(amounts[index]!.minus(shares[index]!).times(line.taxRate).div(100), exponent));
  const taxTotal = taxes.reduce((sum, tax) => sum.plus(tax), new Big(0));
  const text = (value: Big) => formatAmount(value, currency);
  return {
    lines: lines.map((_, index) => ({ amount: text(amounts[index]!), discountAmount: text(shares[index]!), taxAmount: text(taxes[index]!) })),
    subtotal: text(subtotal),
    discountTotal: text(discountTotal),
    taxTotal: text(taxTotal),
    total: text(subtotal.minus(discountTotal).plus(taxTotal)),
  };
}

/** amount due = total − amount paid, in the currency's minor units. */
export function amountDue(total: string, amountPaid: string, currency: string): string {
  return formatAmount(new Big(total).minus(amountPaid), currency);
}

function discountOf(subtotal: Big, discount: InvoiceDiscountValue, exponent: number): Big {
  if (!discount) return new Big(0);
  if (discount.kind === 'percent') return round(subtotal.times(discount.value).div(100), exponent);
  const fixed = new Big(discount.value);
  return fixed.gt(subtotal) ? subtotal : fixed;
}

/**
 * `total` (≤ Σ amounts, all non-negative) in shares proportional to `amounts`, in whole minor units
 * summing to `total` exactly: each line gets the floor of its exact share, and the units left over go
 * one each to the lines with the largest remainders (earlier lines first on ties).
 */
function shareOut(total: Big, amounts: readonly Big[], exponent: number): Big[] {
  const unit = new Big(10).pow(exponent);
  const units = total.times(unit);
  const whole = amounts.reduce((sum, amount) => sum.plus(amount), new Big(0)).times(unit);
  if (units.eq(0) || whole.eq(0)) return amounts.map(() => new Big(0));
  const exact = amounts.map((amount) => units.times(amount.times(unit)));
  // Integer arithmetic throughout (mod, then an exact division): no rounding of a quotient.
  const remainders = exact.map((value) => value.mod(whole));
  const floors = exact.map((value, index) => value.minus(remainders[index]!).div(whole));
  let left = units.minus(floors.reduce((sum, value) => sum.plus(value), new Big(0))).toNumber();
  const order = remainders.map((remainder, index) => ({ remainder, index })).sort((a, b) => b.remainder.cmp(a.remainder) || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    floors[index] = floors[index]!.plus(1);
    left--;
  }
  return floors.map((value) => value.div(unit));
}
