import { userError } from '@cellgraph/kernel';

/** Every code the invoice aggregate answers with. */
export const InvoiceErrorCode = {
  InvalidInput: 'INVOICE_INVALID_INPUT',
  NotFound: 'INVOICE_NOT_FOUND',
} as const;

export const invoiceNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(InvoiceErrorCode.NotFound, 'No invoice with this id exists in your organization', field);
