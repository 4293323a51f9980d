import { describeError, describeUserErrors, type UserErrorLike } from '../../app/errors';
import type { ExpenseCategory, ExpenseStatus, InvoiceStatus, PaymentStatus } from '../../gql/graphql';
import { formatMoney, type MoneyValue } from '../crm/money';

export const INVOICE_STATUSES: readonly InvoiceStatus[] = ['DRAFT', 'SENT', 'VIEWED', 'PARTIALLY_PAID', 'PAID', 'OVERDUE', 'VOID', 'REFUNDED'];
export const EXPENSE_STATUSES: readonly ExpenseStatus[] = ['PENDING', 'APPROVED', 'REJECTED', 'REIMBURSED'];
export const EXPENSE_CATEGORIES: readonly ExpenseCategory[] = ['SOFTWARE', 'TRAVEL', 'OFFICE', 'MEALS', 'EQUIPMENT', 'OTHER'];

const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  DRAFT: 'Draft',
  SENT: 'Sent',
  VIEWED: 'Viewed',
  PARTIALLY_PAID: 'Partially paid',
  PAID: 'Paid',
  OVERDUE: 'Overdue',
  VOID: 'Void',
  REFUNDED: 'Refunded',
};

export const invoiceStatusLabel = (status: InvoiceStatus): string => INVOICE_STATUS_LABELS[status] ?? status;
/** "SOFTWARE" → "Software". */
export const enumLabel = (value: string): string => value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ');

/** An invoice's or expense's status as a coloured badge. */
export function StatusBadge({ status }: { status: InvoiceStatus | ExpenseStatus | PaymentStatus }) {
  const label = status in INVOICE_STATUS_LABELS ? invoiceStatusLabel(status as InvoiceStatus) : enumLabel(status);
  return <span className={`badge fin-status fin-status-${status.toLowerCase().replace('_', '-')}`}>{label}</span>;
}

/** An amount with its currency, exactly as the API wrote it. */
export function Amount({ value }: { value: MoneyValue | null | undefined }) {
  return <span className="fin-amount">{value ? formatMoney(value) : ''}</span>;
}

/**
 * Runs a mutation and answers what to tell the person: the first user error in words, a failed
 * request's message, or null when it went through.
 */
export async function attempt(action: () => Promise<{ userErrors: readonly UserErrorLike[] } | null | undefined>): Promise<string | null> {
  try {
    return describeUserErrors((await action())?.userErrors);
  } catch (caught) {
    return describeError(caught);
  }
}

/** A calendar date ("2026-11-22") in the reader's locale, without a time zone shift. */
export function formatLocalDate(value: string | null | undefined): string {
  if (!value) return '';
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return value;
  return new Date(year, month - 1, day).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** Today as a calendar date (yyyy-mm-dd) in the reader's time zone. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
