import { userError } from '@cellgraph/kernel';

/** Every code recurring invoices answer with (besides INVOICE_NOT_FOUND for the template). */
export const RecurringInvoiceErrorCode = {
  InvalidInput: 'RECURRING_INVOICE_INVALID_INPUT',
  NotFound: 'RECURRING_INVOICE_NOT_FOUND',
  AlreadyRecurring: 'RECURRING_INVOICE_ALREADY_EXISTS',
  Stopped: 'RECURRING_INVOICE_STOPPED',
  InvalidTemplate: 'RECURRING_INVOICE_INVALID_TEMPLATE',
  /** Auto-send without `sendTo`, and the contact has no e-mail address. */
  NoRecipient: 'RECURRING_INVOICE_NO_RECIPIENT',
} as const;

export const recurringInvoiceNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(RecurringInvoiceErrorCode.NotFound, 'No recurring invoice with this id exists in your organization', field);

export const recurringInvoiceAlreadyExists = () =>
  userError(RecurringInvoiceErrorCode.AlreadyRecurring, 'This invoice is already the template of a running recurring invoice', ['input', 'invoiceId']);

export const recurringInvoiceStopped = () =>
  userError(RecurringInvoiceErrorCode.Stopped, 'This recurring invoice was stopped; make the invoice recurring again instead', ['input', 'id']);

export const recurringInvoiceInvalidTemplate = () =>
  userError(RecurringInvoiceErrorCode.InvalidTemplate, 'A VOID invoice cannot be the template of a recurring invoice', ['input', 'invoiceId']);

export const recurringInvoiceEndBeforeStart = (field: (string | number)[]) =>
  userError(RecurringInvoiceErrorCode.InvalidInput, 'The end date cannot be before the next issue date', field);

export const recurringInvoiceNoRecipient = () =>
  userError(RecurringInvoiceErrorCode.NoRecipient, 'The contact has no e-mail address: give the recipients of auto-sent invoices in `sendTo`', [
    'input',
    'sendTo',
  ]);
