import { userError, text, type ReaderText } from '@cellgraph/kernel';
import type { InvoiceStatus } from './invoice-status.js';
import { financeErrorTexts } from '../messages.js';

/** Every code the invoice aggregate answers with. */
export const InvoiceErrorCode = {
  InvalidInput: 'INVOICE_INVALID_INPUT',
  NotFound: 'INVOICE_NOT_FOUND',
  LineNotFound: 'INVOICE_LINE_NOT_FOUND',
  ContactNotFound: 'INVOICE_CONTACT_NOT_FOUND',
  DealNotFound: 'INVOICE_DEAL_NOT_FOUND',
  NotEditable: 'INVOICE_NOT_EDITABLE',
  NotDeletable: 'INVOICE_NOT_DELETABLE',
  InvalidTransition: 'INVOICE_INVALID_TRANSITION',
  AmountTooLarge: 'INVOICE_AMOUNT_TOO_LARGE',
  TooManyLines: 'INVOICE_TOO_MANY_LINES',
  InvalidNumberPattern: 'INVOICE_INVALID_NUMBER_PATTERN',
} as const;

const upper = (status: string) => status.toUpperCase();

export const invoiceNotFound = (field: (string | number)[] = ['input', 'id']) => userError(InvoiceErrorCode.NotFound, financeErrorTexts.invoiceNotFound, field);

export const invoiceLineNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(InvoiceErrorCode.LineNotFound, financeErrorTexts.invoiceLineNotFound, field);

export const invoiceContactNotFound = (field: (string | number)[] = ['input', 'contactId']) =>
  userError(InvoiceErrorCode.ContactNotFound, financeErrorTexts.contactNotFound, field);

export const invoiceDealNotFound = (field: (string | number)[] = ['input', 'dealId']) =>
  userError(InvoiceErrorCode.DealNotFound, financeErrorTexts.dealNotFound, field);

export const invoiceNotEditable = (status: InvoiceStatus, field: (string | number)[] = ['input', 'id']) =>
  userError(InvoiceErrorCode.NotEditable, text(financeErrorTexts.invoiceNotEditable, { status: upper(status) }), field);

export const invoiceNotDeletable = (status: InvoiceStatus) =>
  userError(InvoiceErrorCode.NotDeletable, text(financeErrorTexts.invoiceNotDeletable, { status: upper(status) }), ['input', 'id']);

export const invoiceInvalidTransition = (from: InvoiceStatus, to: InvoiceStatus, field: (string | number)[] = ['input', 'id']) =>
  userError(InvoiceErrorCode.InvalidTransition, text(financeErrorTexts.invoiceInvalidTransition, { from: upper(from), to: upper(to) }), field);

export const invoiceAmountTooLarge = (field: (string | number)[] = ['input']) =>
  userError(InvoiceErrorCode.AmountTooLarge, financeErrorTexts.invoiceTotalTooLarge, field);

export const invoiceTooManyLines = (max: number) =>
  userError(InvoiceErrorCode.TooManyLines, text(financeErrorTexts.invoiceTooManyLines, { max }), ['input', 'lines']);

export const invoiceInvalidNumberPattern = (message: ReaderText) => userError(InvoiceErrorCode.InvalidNumberPattern, message, ['input', 'numberPattern']);
