import { init } from './0001-init.js';
import { expenses } from './0002-expenses.js';
import { payments } from './0003-payments.js';
import { recurring } from './0004-recurring.js';
import { invoiceSend } from './0005-invoice-send.js';
import { recurringAutoSend } from './0006-recurring-auto-send.js';

export const migrations = [init, expenses, payments, recurring, invoiceSend, recurringAutoSend];
