import { collaborationEvents, type CollaborationEvents } from '@cellgraph/collaboration/contracts';
import { crmEvents, type CrmEvents } from '@cellgraph/crm/contracts';
import { documentsEvents, type DocumentsEvents } from '@cellgraph/documents/contracts';
import { financeEvents, type FinanceEvents } from '@cellgraph/finance/contracts';
import { notesEvents, type NotesEvents } from '@cellgraph/notes/contracts';
import { parseEvent, type EventContracts, type EventOf, type PublishedEvent } from '@cellgraph/kernel';
import { tasksEvents, type TasksEvents, type TaskStatusValue } from '@cellgraph/tasks/contracts';

/** What an event means to its recipients: who, and the text of their notification. */
export interface Routed {
  recipients: string[];
  title: string;
  body: string;
  /** The object it is about, when not the event's subject (a mention is about the comment's object). */
  subject?: { type: string; id: string } | null;
}

/** A route: the recipients and text of one event type, given the event typed by its producer's contract. */
type RoutesOf<C extends EventContracts> = { [T in keyof C & string]?: (event: EventOf<C, T>) => Routed | null };

const str = (value: string | null | undefined): string | null => (value?.trim() ? value.trim() : null);
const quoted = (text: string | null, max = 120) => (text ? `“${text.length > max ? `${text.slice(0, max - 1)}…` : text}”` : null);

const STATUS_LABELS: Record<TaskStatusValue, string> = { todo: 'To do', in_progress: 'In progress', done: 'Done', canceled: 'Canceled' };
const statusLabel = (value: TaskStatusValue | undefined) => (value ? STATUS_LABELS[value] : 'none');
const article = (type: string) => (/^[AEIOU]/.test(type) ? 'an' : 'a');

/** The task's title, quoted ("taskTitle" on task changes), or null. */
const taskTitle = (event: { data: { taskTitle: string } }) => quoted(str(event.data.taskTitle));

/*
 * The routes by producer: the events that notify, and whom. Every other event is ignored (task.created,
 * task.updated and task.moved are too frequent to notify: assignment, status and completion have
 * events of their own). The actor is never notified of their own action, and every recipient must
 * be a member of the event's organization (the router checks both).
 */
const taskRoutes: RoutesOf<TasksEvents> = {
  /** The new assignee. */
  'task.assigned': (event) => {
    const assignee = str(event.data.after.assigneeId);
    const body = taskTitle(event)
      ? `${taskTitle(event)}: open it to see what is expected and when it is due.`
      : 'Open it to see what is expected and when it is due.';
    return assignee ? { recipients: [assignee], title: 'A task was assigned to you', body } : null;
  },
  /** The watchers (not for → done: task.completed says it). */
  'task.status_changed': (event) =>
    event.data.after.status === 'done'
      ? null
      : {
          recipients: event.data.recipients,
          title: 'A task you watch changed status',
          body: `${taskTitle(event) ? `${taskTitle(event)}: ` : ''}${statusLabel(event.data.before.status)} → ${statusLabel(event.data.after.status)}`,
        },
  'task.completed': (event) => ({
    recipients: event.data.recipients,
    title: 'A task you watch was completed',
    body: `${taskTitle(event) ?? 'It'} is marked done.`,
  }),
  'task.deleted': (event) => ({
    recipients: event.data.recipients,
    title: 'A task you watch was deleted',
    body: `${quoted(str(event.data.title)) ?? 'It'} was moved to the trash.`,
  }),
  'task.unblocked': (event) => ({ recipients: event.data.recipients, title: 'A task you watch is unblocked', body: 'Every task it was waiting for is done.' }),
  'task.checklist_completed': (event) => ({
    recipients: event.data.recipients,
    title: 'A checklist was completed',
    body: `${quoted(str(event.data.title)) ?? 'A checklist'} of a task you watch is complete.`,
  }),
  /** A board automation's "notify" action: its recipients, with its message. */
  'automation.notification_requested': (event) => ({
    recipients: event.data.recipients,
    title: str(event.data.automation) ? `Automation: ${str(event.data.automation)}` : 'A board automation notified you',
    body: str(event.data.message) ?? '',
  }),
};

const collaborationRoutes: RoutesOf<CollaborationEvents> = {
  /** The mentioned user (the event's subject); the notification is about the commented object. */
  'user.mentioned': (event) => {
    if (event.subject?.type !== 'User') return null;
    const nodeType = str(event.data.nodeType);
    const nodeId = str(event.data.nodeId);
    return {
      recipients: [event.subject.id],
      title: 'You were mentioned in a comment',
      body: nodeType ? `On ${article(nodeType)} ${nodeType.toLowerCase()}.` : '',
      subject: nodeType && nodeId ? { type: nodeType, id: nodeId } : null,
    };
  },
};

const noteRoutes: RoutesOf<NotesEvents> = {
  /**
   * The mentioned user (the event's subject); the notification is about the note. Notes announces a
   * mention only to a user who can read the note, so nobody learns of a note hidden from them.
   */
  'note.mentioned': (event) => {
    if (event.subject?.type !== 'User') return null;
    return {
      recipients: [event.subject.id],
      title: str(event.data.title) ? `You were mentioned in ${quoted(str(event.data.title))}` : 'You were mentioned in a note',
      body: str(event.data.excerpt) ?? '',
      subject: { type: 'Note', id: event.data.noteId },
    };
  },
};

const crmRoutes: RoutesOf<CrmEvents> = {
  /** CRM: the new owner. */
  'contact.assigned': (event) => {
    const owner = str(event.data.after.assignedTo);
    return owner ? { recipients: [owner], title: 'A contact was assigned to you', body: 'You own the relationship now.' } : null;
  },
  'deal.assigned': (event) => {
    const owner = str(event.data.after.ownerId);
    const title = quoted(str(event.data.title));
    return owner
      ? { recipients: [owner], title: title ? `Deal ${title} was assigned to you` : 'A deal was assigned to you', body: 'You own the deal now.' }
      : null;
  },
};

const commented = (comment: string | null) => (str(comment) ? `: ${quoted(str(comment), 300)}` : '.');

const DOCUMENT_STATUS_LABELS: Record<string, string> = {
  draft: 'Draft',
  internal_review: 'Internal review',
  client_review: 'Client review',
  sent: 'Sent',
  signed: 'Signed',
  expired: 'Expired',
  void: 'Void',
};
const documentStatus = (value: string) => DOCUMENT_STATUS_LABELS[value] ?? value;
const documentName = (title: string) => quoted(str(title)) ?? 'A document';

const documentRoutes: RoutesOf<DocumentsEvents> = {
  /**
   * The owner, when someone else moved their document by hand. Moves driven by approvals, review or
   * signatures are told by those parts' own events, expiry and voiding by theirs: one notification each.
   */
  'document.status_changed': (event) =>
    event.data.cause === 'manual' && event.data.to !== 'void'
      ? {
          recipients: [event.data.ownerId],
          title: `${documentName(event.data.title)} is now ${documentStatus(event.data.to)}`,
          body: `${documentStatus(event.data.from)} → ${documentStatus(event.data.to)}`,
        }
      : null,
  /** The owner: the daily job found its expiry date passed. */
  'document.expired': (event) => ({
    recipients: [event.data.ownerId],
    title: `${documentName(event.data.title)} expired`,
    body: `It was ${documentStatus(event.data.from).toLowerCase()}; its expiry date passed on ${event.data.expiresAt.slice(0, 10)}.`,
  }),
  /** The owner, when someone else voided it. */
  'document.voided': (event) => ({
    recipients: [event.data.ownerId],
    title: `${documentName(event.data.title)} was voided`,
    body: `Reason: ${quoted(str(event.data.reason), 300) ?? '—'}`,
  }),
  /** The document's owner and whoever sent the review link: an external reviewer suggested an edit. */
  'document.suggestion_received': (event) => ({
    recipients: event.data.recipients,
    title: `A reviewer suggested a change to ${quoted(str(event.data.title)) ?? 'a document'}`,
    body: `${event.data.reviewerEmail} suggests an edit to the section “${event.data.section}”.`,
  }),
  /** Approvals: each step's reviewers when it is reached; the submitter and owner on the outcome (the event names them). */
  'document.approval_requested': (event) => ({
    recipients: event.data.recipients,
    title: event.data.action === 'sign' ? 'A document awaits your sign-off' : 'A document awaits your approval',
    body: `${quoted(str(event.data.title)) ?? 'A document'}: step ${event.data.stepOrder}${event.data.required ? '' : ' (optional)'} of its review.`,
  }),
  'document.approved': (event) => ({
    recipients: event.data.recipients,
    title: 'A document was approved',
    body: `${quoted(str(event.data.title)) ?? 'It'} passed every required approval and is ready for the client.`,
  }),
  'document.rejected': (event) => ({
    recipients: event.data.recipients,
    title: 'A document was rejected',
    body: `${quoted(str(event.data.title)) ?? 'It'} was rejected at step ${event.data.stepOrder}${commented(event.data.comment)}`,
  }),
  'document.returned_for_changes': (event) => ({
    recipients: event.data.recipients,
    title: 'A document was returned for changes',
    body: `${quoted(str(event.data.title)) ?? 'It'} is back in draft${commented(event.data.comment)}`,
  }),
  /** Its owner and whoever sent it for signature: every signer signed. */
  'document.signed': (event) => ({
    recipients: event.data.recipients,
    title: `${documentName(event.data.title)} was signed`,
    body: `Signed by ${event.data.signers.map((signer) => signer.name).join(', ')}.`,
  }),
  /** A contract's deliverable fell behind pace — its owner. */
  'deliverable.behind_pace': (event) => ({
    recipients: [event.data.ownerId],
    title: quoted(str(event.data.title)) ? `Deliverable ${quoted(str(event.data.title))} is behind pace` : 'A deliverable is behind pace',
    body: `${event.data.progress} of ${event.data.quantity} done; ${event.data.expectedProgress} expected by now (due ${event.data.dueDate}).`,
  }),
};

/** "42.50 EUR at Lufthansa (travel)": what an expense is, in a line. */
const expenseLine = (expense: { amount: string; currencyCode: string; vendor: string | null; category: string }) =>
  `${expense.amount} ${expense.currencyCode}${str(expense.vendor) ? ` at ${str(expense.vendor)}` : ''} (${expense.category})`;

/** Why the recurring-invoice job could not send an invoice it issued (the `sendFailure` codes of `recurring_invoice.issued`). */
const SEND_FAILURES: Record<string, string> = {
  INVOICE_ZERO_TOTAL: 'its total is zero',
  INVOICE_NO_LINES: 'it has no lines',
  RECURRING_INVOICE_NO_RECIPIENT: 'the recurring invoice has no recipients; set them on it',
  RECURRING_INVOICE_CONTACT_CHANGED: 'its template now bills another contact; set the recipients again',
};

const financeRoutes: RoutesOf<FinanceEvents> = {
  /** The approvers the event names (the finance managers but the submitter). */
  'expense.submitted': (event) => ({
    recipients: event.data.approvers,
    title: 'An expense awaits your approval',
    body: `${expenseLine(event.data)}${str(event.data.description) ? `: ${quoted(str(event.data.description))}` : ''}.`,
  }),
  /** The submitter, on each outcome. */
  'expense.approved': (event) => ({ recipients: [event.data.submittedBy], title: 'Your expense was approved', body: `${expenseLine(event.data)}.` }),
  'expense.rejected': (event) => ({
    recipients: [event.data.submittedBy],
    title: 'Your expense was rejected',
    body: `${expenseLine(event.data)}${commented(event.data.reason)}`,
  }),
  'expense.reimbursed': (event) => ({ recipients: [event.data.submittedBy], title: 'Your expense was reimbursed', body: `${expenseLine(event.data)}.` }),
  /** The invoice's creator hears when its customer first opens it, when it falls overdue and when it is paid in full. */
  'invoice.viewed': (event) => ({
    recipients: [event.data.createdBy],
    title: `Invoice ${event.data.number} was viewed`,
    body: `The customer opened it: ${event.data.amountDue} ${event.data.currencyCode} due on ${event.data.dueDate}.`,
  }),
  'invoice.overdue': (event) => ({
    recipients: [event.data.createdBy],
    title: `Invoice ${event.data.number} is overdue`,
    body: `${event.data.amountDue} ${event.data.currencyCode} of ${event.data.total} was due on ${event.data.dueDate}.`,
  }),
  'invoice.paid': (event) => ({
    recipients: [event.data.createdBy],
    title: `Invoice ${event.data.number} was paid`,
    body: `${event.data.amountPaid} ${event.data.currencyCode} received: paid in full.`,
  }),
  /** The recurring invoice's creator (also the issued invoice's), of each period issued, sent or not. */
  'recurring_invoice.issued': (event) => {
    const { number, recipients, sendFailure } = event.data;
    const amount = `${event.data.total} ${event.data.currencyCode}, due ${event.data.dueDate}.`;
    const unsent = sendFailure ? ` It was not sent and stays a draft: ${SEND_FAILURES[sendFailure] ?? sendFailure}.` : '';
    return {
      recipients: [event.data.createdBy],
      title: recipients?.length ? `Invoice ${number} was issued and sent to ${recipients.join(', ')}` : `Invoice ${number} was issued`,
      body: `${amount}${unsent}`,
      subject: { type: 'Invoice', id: event.data.invoiceId },
    };
  },
  /** Payments: the invoice's creator (the finance team that issued it) hears of money received and of failed card payments. */
  'payment.received': (event) => ({
    recipients: [event.data.createdBy],
    title: `Payment received for invoice ${event.data.invoiceNumber}`,
    body: `${event.data.amount} ${event.data.currencyCode} received; ${event.data.amountDue} ${event.data.currencyCode} still due.`,
  }),
  'payment.failed': (event) => ({
    recipients: [event.data.createdBy],
    title: `A payment for invoice ${event.data.invoiceNumber} failed`,
    body: `${event.data.amount} ${event.data.currencyCode}: ${event.data.reason ?? 'the payment did not go through'}.`,
  }),
};

/**
 * The routing table: routes by event type, each parsing its event with the producer's contract
 * first (a malformed event fails for good, see MalformedPayloadError).
 */
export const ROUTES: Readonly<Record<string, EventHandlerOf<Routed | null>>> = {
  ...typedRoutes(tasksEvents, taskRoutes),
  ...typedRoutes(collaborationEvents, collaborationRoutes),
  ...typedRoutes(crmEvents, crmRoutes),
  ...typedRoutes(notesEvents, noteRoutes),
  ...typedRoutes(documentsEvents, documentRoutes),
  ...typedRoutes(financeEvents, financeRoutes),
};

type EventHandlerOf<R> = (event: PublishedEvent) => R;

function typedRoutes<C extends EventContracts>(contracts: C, routes: RoutesOf<C>): Record<string, EventHandlerOf<Routed | null>> {
  return Object.fromEntries(
    Object.entries(routes).map(([type, route]) => [
      type,
      (event: PublishedEvent) => (route as (event: EventOf<C, string>) => Routed | null)(parseEvent(contracts, type, event)),
    ]),
  );
}

/** The events this subgraph routes to notifications. */
export const ROUTED_EVENTS = Object.keys(ROUTES);
