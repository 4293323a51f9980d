import { userError, text, type ReaderText } from '@cellgraph/kernel';
import { financeErrorTexts } from '../messages.js';

/** Every code payments, refunds and credit notes answer with. */
export const PaymentErrorCode = {
  InvalidInput: 'PAYMENT_INVALID_INPUT',
  NotFound: 'PAYMENT_NOT_FOUND',
  InvoiceNotPayable: 'PAYMENT_INVOICE_NOT_PAYABLE',
  NothingDue: 'PAYMENT_NOTHING_DUE',
  ExceedsAmountDue: 'PAYMENT_EXCEEDS_AMOUNT_DUE',
  NotRefundable: 'PAYMENT_NOT_REFUNDABLE',
  RefundExceedsPaid: 'PAYMENT_REFUND_EXCEEDS_PAID',
  ProviderUnavailable: 'PAYMENT_PROVIDER_UNAVAILABLE',
} as const;

export const paymentNotFound = (field: (string | number)[] = ['input', 'paymentId']) =>
  userError(PaymentErrorCode.NotFound, financeErrorTexts.paymentNotFound, field);

export const paymentInvoiceNotPayable = (status: string) =>
  userError(PaymentErrorCode.InvoiceNotPayable, text(financeErrorTexts.paymentNotAccepted, { status: status.toUpperCase() }), ['input', 'invoiceId']);

export const paymentNothingDue = () => userError(PaymentErrorCode.NothingDue, financeErrorTexts.nothingDue, ['input', 'invoiceId']);

export const paymentExceedsAmountDue = (due: string, currency: string) =>
  userError(PaymentErrorCode.ExceedsAmountDue, text(financeErrorTexts.exceedsAmountDue, { due, currency }), ['input', 'amount']);

export const paymentNotRefundable = (why: ReaderText) => userError(PaymentErrorCode.NotRefundable, why, ['input', 'paymentId']);

export const paymentRefundExceedsPaid = (refundable: string, currency: string) =>
  userError(PaymentErrorCode.RefundExceedsPaid, text(financeErrorTexts.refundExceedsPaid, { refundable, currency }), ['input', 'amount']);

export const paymentProviderUnavailable = () => userError(PaymentErrorCode.ProviderUnavailable, financeErrorTexts.providerUnavailable, ['input']);
