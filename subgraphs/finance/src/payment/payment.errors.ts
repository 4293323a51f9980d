import { userError } from '@cellgraph/kernel';

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
  userError(PaymentErrorCode.NotFound, 'No payment with this id exists in your organization', field);

export const paymentInvoiceNotPayable = (status: string) =>
  userError(
    PaymentErrorCode.InvoiceNotPayable,
    `A ${status.toUpperCase()} invoice takes no payments or credits (only SENT, VIEWED, PARTIALLY_PAID and OVERDUE ones do)`,
    ['input', 'invoiceId'],
  );

export const paymentNothingDue = () => userError(PaymentErrorCode.NothingDue, 'Nothing is due on this invoice', ['input', 'invoiceId']);

export const paymentExceedsAmountDue = (due: string, currency: string) =>
  userError(PaymentErrorCode.ExceedsAmountDue, `The amount exceeds what is due on the invoice (${due} ${currency})`, ['input', 'amount']);

export const paymentNotRefundable = (why: string) => userError(PaymentErrorCode.NotRefundable, why, ['input', 'paymentId']);

export const paymentRefundExceedsPaid = (refundable: string, currency: string) =>
  userError(PaymentErrorCode.RefundExceedsPaid, `A refund cannot exceed what was paid and not yet refunded (${refundable} ${currency})`, ['input', 'amount']);

export const paymentProviderUnavailable = () =>
  userError(PaymentErrorCode.ProviderUnavailable, 'The payment provider did not answer; try again (with the same idempotency key)', ['input']);
