import { init } from './0001-init.js';
import { expenses } from './0002-expenses.js';
import { payments } from './0003-payments.js';
import { recurring } from './0004-recurring.js';
import { invoiceSend } from './0005-invoice-send.js';
import { publicPayments } from './0006-public-payments.js';
import { recurringAutoSend } from './0007-recurring-auto-send.js';
import { outboxRequestOrigin } from './0008-outbox-request-origin.js';

export const migrations = [init, expenses, payments, recurring, invoiceSend, publicPayments, recurringAutoSend, outboxRequestOrigin];
