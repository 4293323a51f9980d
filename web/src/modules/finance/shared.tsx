import { translator, type Translator } from '@cellgraph/kernel/i18n';
import { Fragment, type ReactNode } from 'react';
import { describeError, describeUserErrors, type UserErrorLike } from '../../app/errors';
import { activeTranslator, useTranslator, type Message } from '../../app/i18n';
import type { ExpenseCategory, ExpenseStatus, InvoiceStatus, PaymentMethod, PaymentStatus, RecurrenceFrequency } from '../../gql/graphql';
import { formatMoney, type MoneyValue } from '../crm/money';
import { m } from './messages';

export const INVOICE_STATUSES: readonly InvoiceStatus[] = ['DRAFT', 'SENT', 'VIEWED', 'PARTIALLY_PAID', 'PAID', 'OVERDUE', 'VOID', 'REFUNDED'];
export const EXPENSE_STATUSES: readonly ExpenseStatus[] = ['PENDING', 'APPROVED', 'REJECTED', 'REIMBURSED'];
export const EXPENSE_CATEGORIES: readonly ExpenseCategory[] = ['SOFTWARE', 'TRAVEL', 'OFFICE', 'MEALS', 'EQUIPMENT', 'OTHER'];

type BadgeStatus = InvoiceStatus | ExpenseStatus | PaymentStatus;

/** Invoice, expense and payment statuses share one badge (PENDING and REFUNDED read the same in each). */
const STATUS_MESSAGES: Record<BadgeStatus, Message> = {
  DRAFT: m.statusDraft,
  SENT: m.statusSent,
  VIEWED: m.statusViewed,
  PARTIALLY_PAID: m.statusPartiallyPaid,
  PAID: m.statusPaid,
  OVERDUE: m.statusOverdue,
  VOID: m.statusVoid,
  REFUNDED: m.statusRefunded,
  PENDING: m.statusPending,
  APPROVED: m.statusApproved,
  REJECTED: m.statusRejected,
  REIMBURSED: m.statusReimbursed,
  CANCELLED: m.statusCancelled,
  COMPLETED: m.statusCompleted,
  FAILED: m.statusFailed,
  PROCESSING: m.statusProcessing,
};

const CATEGORY_MESSAGES: Record<ExpenseCategory, Message> = {
  SOFTWARE: m.categorySoftware,
  TRAVEL: m.categoryTravel,
  OFFICE: m.categoryOffice,
  MEALS: m.categoryMeals,
  EQUIPMENT: m.categoryEquipment,
  OTHER: m.categoryOther,
};

const METHOD_MESSAGES: Record<PaymentMethod, Message> = {
  ACH: m.methodAch,
  BANK_TRANSFER: m.methodBankTransfer,
  CARD: m.methodCard,
  CASH: m.methodCash,
  CHECK: m.methodCheck,
  OTHER: m.methodOther,
};

const FREQUENCY_MESSAGES: Record<RecurrenceFrequency, Message> = {
  WEEKLY: m.frequencyWeekly,
  MONTHLY: m.frequencyMonthly,
  QUARTERLY: m.frequencyQuarterly,
  ANNUALLY: m.frequencyAnnually,
};

/*
 * Labels of the API's values in the reader's language. Call them while rendering a component that
 * reads useT() or useTranslator(), so it renders again when the reader's language changes.
 */
const labelOf = (messages: Readonly<Record<string, Message>>, value: string, reader: Translator): string => {
  const message = messages[value];
  return message ? reader.t(message) : value;
};
export const statusLabel = (status: BadgeStatus, reader: Translator = activeTranslator()): string => labelOf(STATUS_MESSAGES, status, reader);
export const invoiceStatusLabel: (status: InvoiceStatus, reader?: Translator) => string = statusLabel;
export const categoryLabel = (category: ExpenseCategory, reader: Translator = activeTranslator()): string => labelOf(CATEGORY_MESSAGES, category, reader);
export const methodLabel = (method: PaymentMethod, reader: Translator = activeTranslator()): string => labelOf(METHOD_MESSAGES, method, reader);
export const frequencyLabel = (frequency: RecurrenceFrequency, reader: Translator = activeTranslator()): string =>
  labelOf(FREQUENCY_MESSAGES, frequency, reader);

/** An invoice's, expense's or payment's status as a coloured badge. */
export function StatusBadge({ status }: { status: BadgeStatus }) {
  const reader = useTranslator();
  return <span className={`badge fin-status fin-status-${status.toLowerCase().replace('_', '-')}`}>{statusLabel(status, reader)}</span>;
}

/** An amount with its currency in the reader's locale, exactly as the API wrote it (every digit it has, no float). */
export const moneyText = (value: MoneyValue, reader: Translator = activeTranslator()): string => formatMoney(value, reader.locale);

/** An amount with its currency, exactly as the API wrote it. */
export function Amount({ value }: { value: MoneyValue | null | undefined }) {
  const reader = useTranslator();
  return <span className="fin-amount">{value ? moneyText(value, reader) : ''}</span>;
}

/**
 * A message with React elements in place of some of its arguments (a link, an amount): the
 * translation decides where they go. `{number}` in "Issued by … of {number}." becomes the link.
 */
export function richText(reader: Translator, message: Message, values: Readonly<Record<string, unknown>>, elements: Readonly<Record<string, ReactNode>>) {
  const names = Object.keys(elements);
  const marks = Object.fromEntries(names.map((name, index) => [name, `\uE000${index}\uE000`]));
  return reader
    .t(message, { ...values, ...marks })
    .split(/\uE000(\d+)\uE000/)
    .map((part, index) => (index % 2 ? <Fragment key={index}>{elements[names[Number(part)]!]}</Fragment> : part));
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

/** A calendar date ("2026-11-22") in the reader's locale, without a time zone shift (it is read as a day in UTC). */
export function formatLocalDate(value: string | null | undefined, reader: Translator = activeTranslator()): string {
  if (!value) return '';
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return value;
  return translator(reader.locale, 'UTC').date(Date.UTC(year, month - 1, day), 'date');
}

/** Today as a calendar date (yyyy-mm-dd) in the reader's time zone. */
export function today(reader: Translator = activeTranslator()): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: reader.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
