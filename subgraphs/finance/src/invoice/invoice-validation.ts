import { decimalPlaces, fitsCurrency, text, userError, type Message, type ReaderText } from '@cellgraph/kernel';
import { financeErrorTexts } from '../messages.js';
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
const invalid = (message: ReaderText, field: Field) => userError(InvoiceErrorCode.InvalidInput, message, field);

export interface LineDraft {
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
}

/** A line's description, quantity, unit price (in `currency`) and tax rate, or the first problem at `field`. */
export function checkLine(line: LineDraft, currency: string, field: Field): LineDraft & LineFigures {
  const description = line.description.trim();
  if (!description || description.length > 500) throw invalid(financeErrorTexts.lineDescriptionLength, [...field, 'description']);
  checkQuantity(line.quantity, [...field, 'quantity']);
  checkUnitPrice(line.unitPrice, currency, [...field, 'unitPrice']);
  checkPercent(line.taxRate, [...field, 'taxRate'], financeErrorTexts.taxRatePercent);
  return { ...line, description };
}

export function checkQuantity(quantity: string, field: Field): void {
  const value = new Big(quantity);
  if (value.lte(0) || value.gte(MAX_QUANTITY) || decimalPlaces(quantity) > 4) throw invalid(financeErrorTexts.quantityRange, field);
}

export function checkUnitPrice(unitPrice: string, currency: string, field: Field): void {
  if (new Big(unitPrice).lt(0)) throw invalid(financeErrorTexts.unitPriceNegative, field);
  if (!fitsCurrency(unitPrice, currency)) throw invalid(text(financeErrorTexts.unitPriceCurrency, { currency }), field);
}

function checkPercent(value: string, field: Field, notPercent: Message): void {
  const percent = new Big(value);
  if (percent.lt(0) || percent.gt(100) || decimalPlaces(value) > 4) throw invalid(notPercent, field);
}

/** An invoice-level discount in `currency`, or null for none. */
export function checkDiscount(discount: { kind: InvoiceDiscountKind; value: string } | null, currency: string, field: Field): InvoiceDiscountValue {
  if (!discount) return null;
  const at = [...field, 'value'];
  if (discount.kind === InvoiceDiscountKind.PERCENT) checkPercent(discount.value, at, financeErrorTexts.discountPercent);
  else if (new Big(discount.value).lt(0) || !fitsCurrency(discount.value, currency)) throw invalid(text(financeErrorTexts.amountDiscount, { currency }), at);
  return { kind: discount.kind, value: discount.value };
}

/** `due` is on or after `issue` (both YYYY-MM-DD). */
export function checkDates(issueDate: string, dueDate: string, field: Field): void {
  if (dueDate < issueDate) throw invalid(financeErrorTexts.dueBeforeIssue, field);
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
