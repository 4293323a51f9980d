import { userError } from '@cellgraph/kernel';
import type { InvoiceStatus } from './invoice-status.js';

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

export const invoiceNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(InvoiceErrorCode.NotFound, 'No invoice with this id exists in your organization', field);

export const invoiceLineNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(InvoiceErrorCode.LineNotFound, 'No invoice line with this id exists in your organization', field);

export const invoiceContactNotFound = (field: (string | number)[] = ['input', 'contactId']) =>
  userError(InvoiceErrorCode.ContactNotFound, 'No contact with this id exists in your organization', field);

export const invoiceDealNotFound = (field: (string | number)[] = ['input', 'dealId']) =>
  userError(InvoiceErrorCode.DealNotFound, 'No deal with this id exists in your organization', field);

export const invoiceNotEditable = (status: InvoiceStatus, field: (string | number)[] = ['input', 'id']) =>
  userError(
    InvoiceErrorCode.NotEditable,
    `A ${upper(status)} invoice cannot change its lines, amounts, dates or customer (only a DRAFT can): void it and duplicate it instead`,
    field,
  );

export const invoiceNotDeletable = (status: InvoiceStatus) =>
  userError(InvoiceErrorCode.NotDeletable, `Only a DRAFT invoice can be deleted; a ${upper(status)} one is voided instead`, ['input', 'id']);

export const invoiceInvalidTransition = (from: InvoiceStatus, to: InvoiceStatus, field: (string | number)[] = ['input', 'id']) =>
  userError(InvoiceErrorCode.InvalidTransition, `An invoice cannot go from ${upper(from)} to ${upper(to)}`, field);

export const invoiceAmountTooLarge = (field: (string | number)[] = ['input']) =>
  userError(InvoiceErrorCode.AmountTooLarge, 'The invoice’s total would exceed 15 digits before the decimal point', field);

export const invoiceTooManyLines = (max: number) => userError(InvoiceErrorCode.TooManyLines, `An invoice has at most ${max} lines`, ['input', 'lines']);

export const invoiceInvalidNumberPattern = (message: string) => userError(InvoiceErrorCode.InvalidNumberPattern, message, ['input', 'numberPattern']);
