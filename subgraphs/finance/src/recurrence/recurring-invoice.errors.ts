import { userError } from '@cellgraph/kernel';
import { financeErrorTexts } from '../messages.js';

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
  userError(RecurringInvoiceErrorCode.NotFound, financeErrorTexts.recurringNotFound, field);

export const recurringInvoiceAlreadyExists = () =>
  userError(RecurringInvoiceErrorCode.AlreadyRecurring, financeErrorTexts.recurringAlreadyRunning, ['input', 'invoiceId']);

export const recurringInvoiceStopped = () => userError(RecurringInvoiceErrorCode.Stopped, financeErrorTexts.recurringStopped, ['input', 'id']);

export const recurringInvoiceInvalidTemplate = () =>
  userError(RecurringInvoiceErrorCode.InvalidTemplate, financeErrorTexts.recurringVoidTemplate, ['input', 'invoiceId']);

export const recurringInvoiceEndBeforeStart = (field: (string | number)[]) =>
  userError(RecurringInvoiceErrorCode.InvalidInput, financeErrorTexts.recurringEndBeforeNext, field);

export const recurringInvoiceNoRecipient = () => userError(RecurringInvoiceErrorCode.NoRecipient, financeErrorTexts.recurringNoRecipient, ['input', 'sendTo']);
