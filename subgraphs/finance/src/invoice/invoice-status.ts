/*
 * An invoice's status and the moves between them: one small pure module, so the invoice service,
 * payments (fin-pay), sending (fin-send), recurring invoices and the overdue job follow the same
 * rules. InvoiceService.transition applies them (INVOICE_INVALID_TRANSITION otherwise).
 */

export enum InvoiceStatus {
  DRAFT = 'draft',
  SENT = 'sent',
  VIEWED = 'viewed',
  PARTIALLY_PAID = 'partially_paid',
  PAID = 'paid',
  OVERDUE = 'overdue',
  VOID = 'void',
  REFUNDED = 'refunded',
}

const { DRAFT, SENT, VIEWED, PARTIALLY_PAID, PAID, OVERDUE, VOID, REFUNDED } = InvoiceStatus;

/**
 * Where each status may go. A settlement (payments, refunds, reversals) may move an issued invoice
 * between its paid states — also back to SENT/VIEWED/OVERDUE when a reversed payment leaves it
 * unpaid; VOID and REFUNDED are final, and a PAID invoice cannot be voided (refund it instead).
 */
export const INVOICE_TRANSITIONS: Readonly<Record<InvoiceStatus, readonly InvoiceStatus[]>> = {
  [DRAFT]: [SENT, VOID],
  [SENT]: [VIEWED, PARTIALLY_PAID, PAID, OVERDUE, VOID],
  [VIEWED]: [PARTIALLY_PAID, PAID, OVERDUE, VOID],
  [PARTIALLY_PAID]: [SENT, VIEWED, PAID, OVERDUE, VOID, REFUNDED],
  [OVERDUE]: [PARTIALLY_PAID, PAID, VOID, REFUNDED],
  [PAID]: [SENT, VIEWED, PARTIALLY_PAID, OVERDUE, REFUNDED],
  [VOID]: [],
  [REFUNDED]: [],
};

export function canTransition(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return INVOICE_TRANSITIONS[from].includes(to);
}

/** Only a draft's lines, currency, discount, dates and customer may change; afterwards: void and duplicate. */
export const isEditable = (status: InvoiceStatus): boolean => status === DRAFT;

/** Issued and not settled: what the customer still owes on (the overdue job's and `Contact.balanceDue`'s statuses). */
export const OPEN_STATUSES: readonly InvoiceStatus[] = [SENT, VIEWED, PARTIALLY_PAID, OVERDUE];

/** Statuses the daily job moves to OVERDUE once the due date has passed. */
export const OVERDUE_CANDIDATES: readonly InvoiceStatus[] = [SENT, VIEWED, PARTIALLY_PAID];

/** Statuses a settlement may start from (issued, not void, not fully refunded). */
export const SETTLEABLE_STATUSES: readonly InvoiceStatus[] = [SENT, VIEWED, PARTIALLY_PAID, OVERDUE, PAID];

/** Only drafts may be moved to the trash (as Stripe and Shopify delete only drafts): an issued invoice is voided. */
export const isDeletable = (status: InvoiceStatus): boolean => status === DRAFT;

/** What a settlement knows of an invoice and its ledger (exact decimals as big.js compares them). */
export interface SettlementState {
  status: InvoiceStatus;
  /** 1, 0 or -1: amount paid (net of refunds) compared with the total. */
  paidVersusTotal: -1 | 0 | 1;
  /** Whether anything net is paid (amount paid > 0). */
  anythingPaid: boolean;
  /** Whether the ledger holds refunds. */
  refunded: boolean;
  /** Whether the due date has passed. */
  pastDue: boolean;
  /** Whether the customer has opened it (viewed_at set). */
  viewed: boolean;
}

/**
 * The status an issued invoice has after a settlement: PAID when the net paid covers the total;
 * PARTIALLY_PAID when part is paid (OVERDUE instead once past due); with nothing paid, REFUNDED
 * when refunds returned what was paid, else back to unpaid (OVERDUE past due, VIEWED if opened,
 * SENT). The caller moves there through `transition` (no move when it is the current status).
 */
export function settledStatus(state: SettlementState): InvoiceStatus {
  if (state.anythingPaid && state.paidVersusTotal >= 0) return PAID;
  if (state.anythingPaid) return state.pastDue ? OVERDUE : PARTIALLY_PAID;
  if (state.refunded) return REFUNDED;
  if (state.pastDue) return OVERDUE;
  return state.viewed ? VIEWED : SENT;
}

/** What moved an invoice (the `cause` of `invoice.status_changed`). */
export const INVOICE_STATUS_CAUSES = ['manual', 'send', 'view', 'settlement', 'overdue'] as const;
export type InvoiceStatusCause = (typeof INVOICE_STATUS_CAUSES)[number];
