import { decimalPlaces, fitsCurrency, userError } from '@cellgraph/kernel';
import Big from 'big.js';
import { InvoiceErrorCode } from './invoice.errors.js';
import { InvoiceDiscountKind } from './invoice.entity.js';
import type { InvoiceDiscountValue, LineFigures } from './invoice-totals.js';

/*
 * The decimal rules of an invoice's figures, which depend on its currency (checked after zod
 * has checked the input's shape): INVOICE_INVALID_INPUT naming the field otherwise.
 */

/** An invoice has at most this many lines. */
export const MAX_INVOICE_LINES = 500;
/** Quantities stay below this (and have at most 4 decimals). */
const MAX_QUANTITY = new Big(10).pow(9);

type Field = (string | number)[];
const invalid = (message: string, field: Field) => userError(InvoiceErrorCode.InvalidInput, message, field);

export interface LineDraft {
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
}

/** A line's description, quantity, unit price (in `currency`) and tax rate, or the first problem at `field`. */
export function checkLine(line: LineDraft, currency: string, field: Field): LineDraft & LineFigures {
  const description = line.description.trim();
  if (!description || description.length > 500) throw invalid('A line’s description has 1 to 500 characters', [...field, 'description']);
  checkQuantity(line.quantity, [...field, 'quantity']);
  checkUnitPrice(line.unitPrice, currency, [...field, 'unitPrice']);
  checkPercent(line.taxRate, [...field, 'taxRate'], 'The tax rate');
  return { ...line, description };
}

export function checkQuantity(quantity: string, field: Field): void {
  const value = new Big(quantity);
  if (value.lte(0) || value.gte(MAX_QUANTITY) || decimalPlaces(quantity) > 4)
    throw invalid('The quantity is more than 0 and below 1,000,000,000, with at most 4 decimals', field);
}

export function checkUnitPrice(unitPrice: string, currency: string, field: Field): void {
  if (new Big(unitPrice).lt(0)) throw invalid('The unit price cannot be negative', field);
  if (!fitsCurrency(unitPrice, currency)) throw invalid(`The unit price must be an amount of ${currency} (its minor units at most, below 10^15)`, field);
}

function checkPercent(value: string, field: Field, what: string): void {
  const percent = new Big(value);
  if (percent.lt(0) || percent.gt(100) || decimalPlaces(value) > 4) throw invalid(`${what} is a percentage from 0 to 100 with at most 4 decimals`, field);
}

/** An invoice-level discount in `currency`, or null for none. */
export function checkDiscount(discount: { kind: InvoiceDiscountKind; value: string } | null, currency: string, field: Field): InvoiceDiscountValue {
  if (!discount) return null;
  const at = [...field, 'value'];
  if (discount.kind === InvoiceDiscountKind.PERCENT) checkPercent(discount.value, at, 'A percent discount');
  else if (new Big(discount.value).lt(0) || !fitsCurrency(discount.value, currency))
    throw invalid(`An amount discount is 0 or more in ${currency} (its minor units at most)`, at);
  return { kind: discount.kind, value: discount.value };
}

/** `due` is on or after `issue` (both YYYY-MM-DD). */
export function checkDates(issueDate: string, dueDate: string, field: Field): void {
  if (dueDate < issueDate) throw invalid('The due date cannot be before the issue date', field);
}

/** Today's date in UTC (YYYY-MM-DD). */
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

/** `date` (YYYY-MM-DD) plus `days`. */
export function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

/** Days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
