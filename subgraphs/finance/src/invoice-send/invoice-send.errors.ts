import { userError, text } from '@cellgraph/kernel';
import { financeErrorTexts } from '../messages.js';

/** Every code sending answers with (besides the invoice core's INVOICE_NOT_FOUND and INVOICE_INVALID_TRANSITION). */
export const InvoiceSendErrorCode = {
  InvalidInput: 'INVOICE_INVALID_INPUT',
  /** Not one line: nothing to bill. */
  NoLines: 'INVOICE_NO_LINES',
  /** A total of zero: nothing to pay. */
  ZeroTotal: 'INVOICE_ZERO_TOTAL',
  /** VOID, REFUNDED or PAID: nothing to send. */
  NotSendable: 'INVOICE_NOT_SENDABLE',
  /** No `to` and the contact has no e-mail address. */
  NoRecipient: 'INVOICE_NO_RECIPIENT',
  /** Expired, unknown, malformed or guessed: one answer, so a token's state never leaks. */
  TokenInvalid: 'INVOICE_TOKEN_INVALID',
} as const;

export const invoiceNoLines = () => userError(InvoiceSendErrorCode.NoLines, financeErrorTexts.sendNoLines, ['input', 'id']);

export const invoiceZeroTotal = () => userError(InvoiceSendErrorCode.ZeroTotal, financeErrorTexts.sendZeroTotal, ['input', 'id']);

export const invoiceNotSendable = (status: string) =>
  userError(InvoiceSendErrorCode.NotSendable, text(financeErrorTexts.sendNotSendable, { status: status.toUpperCase() }), ['input', 'id']);

export const invoiceNoRecipient = () => userError(InvoiceSendErrorCode.NoRecipient, financeErrorTexts.sendNoRecipient, ['input', 'to']);

export const invoiceTokenInvalid = (field: (string | number)[] = ['token']) =>
  userError(InvoiceSendErrorCode.TokenInvalid, financeErrorTexts.invoiceLinkInvalid, field);
