import { collaborationEvents, type CollaborationEvents } from '@cellgraph/collaboration/contracts';
import { crmEvents, type CrmEvents } from '@cellgraph/crm/contracts';
import { documentsEvents, type DocumentsEvents } from '@cellgraph/documents/contracts';
import { financeEvents, type FinanceEvents } from '@cellgraph/finance/contracts';
import { notesEvents, type NotesEvents } from '@cellgraph/notes/contracts';
import { parseEvent, translator, type EventContracts, type EventOf, type Message, type PublishedEvent, type Translator } from '@cellgraph/kernel';
import { tasksEvents, type TasksEvents, type TaskStatusValue } from '@cellgraph/tasks/contracts';
import { webhooksEvents, type WebhooksEvents } from '@cellgraph/webhooks/contracts';
import { crmTexts, documentTexts, financeTexts, mentionTexts, taskTexts, webhookTexts } from './messages.js';

/** A text of a notification, rendered for each recipient (their language, time zone and formats). */
export type RecipientText = (reader: Translator) => string;

/** What an event means to its recipients: who, and the text of their notification. */
export interface Routed {
  recipients: string[];
  title: RecipientText;
  body: RecipientText;
  /** The object it is about, when not the event's subject (a mention is about the comment's object). */
  subject?: { type: string; id: string } | null;
}

/** A route: the recipients and text of one event type, given the event typed by its producer's contract. */
type RoutesOf<C extends EventContracts> = { [T in keyof C & string]?: (event: EventOf<C, T>) => Routed | null };

const str = (value: string | null | undefined): string | null => (value?.trim() ? value.trim() : null);
const clipped = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
/** `name` and `hasName` arguments of an optional value, clipped (messages quote it in their language). */
const optional = (name: string, value: string | null | undefined, max = 120): Record<string, string> => {
  const given = str(value);
  return { [name]: given ? clipped(given, max) : '', [`has${name[0]!.toUpperCase()}${name.slice(1)}`]: given ? 'yes' : 'no' };
};
const message =
  (m: Message, values?: Record<string, unknown>): RecipientText =>
  (reader) =>
    reader.t(m, values);
const empty: RecipientText = () => '';
const verbatim =
  (text: string): RecipientText =>
  () =>
    text;

/** A calendar date (YYYY-MM-DD, no time zone) in the reader's format. */
const calendarDate = (reader: Translator, day: string) => translator(reader.locale, 'UTC').date(`${day.slice(0, 10)}T00:00:00Z`);

const STATUS_LABELS: Record<TaskStatusValue, Message> = {
  todo: taskTexts.statusTodo,
  in_progress: taskTexts.statusInProgress,
  done: taskTexts.statusDone,
  canceled: taskTexts.statusCanceled,
};
const statusLabel = (reader: Translator, value: TaskStatusValue | undefined) => reader.t(value ? STATUS_LABELS[value] : taskTexts.statusNone);
const article = (type: string) => (/^[AEIOU]/.test(type) ? 'an' : 'a');

/** The task's title ("taskTitle" on task changes) as `title` and `hasTitle`. */
const taskTitle = (event: { data: { taskTitle: string } }) => optional('title', event.data.taskTitle);

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
    return assignee ? { recipients: [assignee], title: message(taskTexts.assignedTitle), body: message(taskTexts.assignedBody, taskTitle(event)) } : null;
  },
  /** The watchers (not for → done: task.completed says it). */
  'task.status_changed': (event) =>
    event.data.after.status === 'done'
      ? null
      : {
          recipients: event.data.recipients,
          title: message(taskTexts.statusChangedTitle),
          body: (reader) =>
            reader.t(taskTexts.statusChangedBody, {
              ...taskTitle(event),
              from: statusLabel(reader, event.data.before.status),
              to: statusLabel(reader, event.data.after.status),
            }),
        },
  'task.completed': (event) => ({
    recipients: event.data.recipients,
    title: message(taskTexts.completedTitle),
    body: message(taskTexts.completedBody, taskTitle(event)),
  }),
  'task.deleted': (event) => ({
    recipients: event.data.recipients,
    title: message(taskTexts.deletedTitle),
    body: message(taskTexts.deletedBody, optional('title', event.data.title)),
  }),
  'task.unblocked': (event) => ({ recipients: event.data.recipients, title: message(taskTexts.unblockedTitle), body: message(taskTexts.unblockedBody) }),
  'task.checklist_completed': (event) => ({
    recipients: event.data.recipients,
    title: message(taskTexts.checklistCompletedTitle),
    body: message(taskTexts.checklistCompletedBody, optional('title', event.data.title)),
  }),
  /** A board automation's "notify" action: its recipients, with its message (as its author wrote it). */
  'automation.notification_requested': (event) => ({
    recipients: event.data.recipients,
    title: message(taskTexts.automationTitle, { name: str(event.data.automation) ?? '', hasName: str(event.data.automation) ? 'yes' : 'no' }),
    body: verbatim(str(event.data.message) ?? ''),
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
      title: message(mentionTexts.commentTitle),
      body: nodeType ? message(mentionTexts.commentBody, { article: article(nodeType), nodeType: nodeType.toLowerCase() }) : empty,
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
      title: message(mentionTexts.noteTitle, optional('title', event.data.title)),
      body: verbatim(str(event.data.excerpt) ?? ''),
      subject: { type: 'Note', id: event.data.noteId },
    };
  },
};

const crmRoutes: RoutesOf<CrmEvents> = {
  /** CRM: the new owner. */
  'contact.assigned': (event) => {
    const owner = str(event.data.after.assignedTo);
    return owner ? { recipients: [owner], title: message(crmTexts.contactAssignedTitle), body: message(crmTexts.contactAssignedBody) } : null;
  },
  'deal.assigned': (event) => {
    const owner = str(event.data.after.ownerId);
    return owner
      ? { recipients: [owner], title: message(crmTexts.dealAssignedTitle, optional('title', event.data.title)), body: message(crmTexts.dealAssignedBody) }
      : null;
  },
};

const DOCUMENT_STATUS_LABELS: Record<string, Message> = {
  draft: documentTexts.statusDraft,
  internal_review: documentTexts.statusInternalReview,
  client_review: documentTexts.statusClientReview,
  sent: documentTexts.statusSent,
  signed: documentTexts.statusSigned,
  expired: documentTexts.statusExpired,
  void: documentTexts.statusVoid,
};
const documentStatus = (reader: Translator, value: string) => (DOCUMENT_STATUS_LABELS[value] ? reader.t(DOCUMENT_STATUS_LABELS[value]) : value);
const documentName = (reader: Translator, title: string) => reader.t(documentTexts.name, optional('title', title));
const transition = (reader: Translator, from: string, to: string) =>
  reader.t(documentTexts.transition, { from: documentStatus(reader, from), to: documentStatus(reader, to) });

const documentRoutes: RoutesOf<DocumentsEvents> = {
  /**
   * The owner, when someone else moved their document by hand. Moves driven by approvals, review or
   * signatures are told by those parts' own events, expiry and voiding by theirs: one notification each.
   */
  'document.status_changed': (event) =>
    event.data.cause === 'manual' && event.data.to !== 'void'
      ? {
          recipients: [event.data.ownerId],
          title: (reader) =>
            reader.t(documentTexts.statusChangedTitle, { document: documentName(reader, event.data.title), status: documentStatus(reader, event.data.to) }),
          body: (reader) => transition(reader, event.data.from, event.data.to),
        }
      : null,
  /** The owner: the daily job found its expiry date passed (the date as the owner's calendar shows it). */
  'document.expired': (event) => ({
    recipients: [event.data.ownerId],
    title: (reader) => reader.t(documentTexts.expiredTitle, { document: documentName(reader, event.data.title) }),
    body: (reader) =>
      reader.t(documentTexts.expiredBody, {
        status: documentStatus(reader, event.data.from).toLowerCase(),
        date: reader.date(event.data.expiresAt),
      }),
  }),
  /** The owner, when someone else voided it. */
  'document.voided': (event) => ({
    recipients: [event.data.ownerId],
    title: (reader) => reader.t(documentTexts.voidedTitle, { document: documentName(reader, event.data.title) }),
    body: message(documentTexts.voidedBody, optional('reason', event.data.reason, 300)),
  }),
  /** The document's owner and whoever sent the review link: an external reviewer suggested an edit. */
  'document.suggestion_received': (event) => ({
    recipients: event.data.recipients,
    title: message(documentTexts.suggestionTitle, optional('title', event.data.title)),
    body: message(documentTexts.suggestionBody, { reviewer: event.data.reviewerEmail, section: event.data.section }),
  }),
  /** Approvals: each step's reviewers when it is reached; the submitter and owner on the outcome (the event names them). */
  'document.approval_requested': (event) => ({
    recipients: event.data.recipients,
    title: message(documentTexts.approvalRequestedTitle, { action: event.data.action }),
    body: (reader) =>
      reader.t(documentTexts.approvalRequestedBody, {
        document: documentName(reader, event.data.title),
        step: event.data.stepOrder,
        required: event.data.required ? 'yes' : 'no',
      }),
  }),
  'document.approved': (event) => ({
    recipients: event.data.recipients,
    title: message(documentTexts.approvedTitle),
    body: message(documentTexts.approvedBody, optional('title', event.data.title)),
  }),
  'document.rejected': (event) => ({
    recipients: event.data.recipients,
    title: message(documentTexts.rejectedTitle),
    body: message(documentTexts.rejectedBody, {
      ...optional('title', event.data.title),
      ...optional('comment', event.data.comment, 300),
      step: event.data.stepOrder,
    }),
  }),
  'document.returned_for_changes': (event) => ({
    recipients: event.data.recipients,
    title: message(documentTexts.returnedTitle),
    body: message(documentTexts.returnedBody, { ...optional('title', event.data.title), ...optional('comment', event.data.comment, 300) }),
  }),
  /** Its owner and whoever sent it for signature: every signer signed. */
  'document.signed': (event) => ({
    recipients: event.data.recipients,
    title: (reader) => reader.t(documentTexts.signedTitle, { document: documentName(reader, event.data.title) }),
    body: message(documentTexts.signedBody, { signers: event.data.signers.map((signer) => signer.name).join(', ') }),
  }),
  /** A contract's deliverable fell behind pace — its owner. */
  'deliverable.behind_pace': (event) => ({
    recipients: [event.data.ownerId],
    title: message(documentTexts.behindPaceTitle, optional('title', event.data.title)),
    body: (reader) =>
      reader.t(documentTexts.behindPaceBody, {
        progress: event.data.progress,
        quantity: event.data.quantity,
        expected: event.data.expectedProgress,
        due: calendarDate(reader, event.data.dueDate),
      }),
  }),
};

const money = (reader: Translator, amount: string, currency: string) => reader.money(amount, currency);

/** "€42.50 at Lufthansa (travel)": what an expense is, in a line. */
const expenseLine = (reader: Translator, expense: { amount: string; currencyCode: string; vendor: string | null; category: string }) =>
  reader.t(financeTexts.expenseLine, {
    amount: money(reader, expense.amount, expense.currencyCode),
    ...optional('vendor', expense.vendor, 200),
    category: expense.category,
  });

/** Why the recurring-invoice job could not send an invoice it issued (the `sendFailure` codes of `recurring_invoice.issued`). */
const SEND_FAILURES: Record<string, Message> = {
  INVOICE_ZERO_TOTAL: financeTexts.sendFailureZeroTotal,
  INVOICE_NO_LINES: financeTexts.sendFailureNoLines,
  RECURRING_INVOICE_NO_RECIPIENT: financeTexts.sendFailureNoRecipient,
  RECURRING_INVOICE_CONTACT_CHANGED: financeTexts.sendFailureContactChanged,
};

const financeRoutes: RoutesOf<FinanceEvents> = {
  /** The approvers the event names (the finance managers but the submitter). */
  'expense.submitted': (event) => ({
    recipients: event.data.approvers,
    title: message(financeTexts.expenseSubmittedTitle),
    body: (reader) =>
      reader.t(financeTexts.expenseSubmittedBody, { expense: expenseLine(reader, event.data), ...optional('description', event.data.description) }),
  }),
  /** The submitter, on each outcome. */
  'expense.approved': (event) => ({
    recipients: [event.data.submittedBy],
    title: message(financeTexts.expenseApprovedTitle),
    body: (reader) => reader.t(financeTexts.expenseBody, { expense: expenseLine(reader, event.data) }),
  }),
  'expense.rejected': (event) => ({
    recipients: [event.data.submittedBy],
    title: message(financeTexts.expenseRejectedTitle),
    body: (reader) => reader.t(financeTexts.expenseRejectedBody, { expense: expenseLine(reader, event.data), ...optional('reason', event.data.reason, 300) }),
  }),
  'expense.reimbursed': (event) => ({
    recipients: [event.data.submittedBy],
    title: message(financeTexts.expenseReimbursedTitle),
    body: (reader) => reader.t(financeTexts.expenseBody, { expense: expenseLine(reader, event.data) }),
  }),
  /** The invoice's creator hears when its customer first opens it, when it falls overdue and when it is paid in full. */
  'invoice.viewed': (event) => ({
    recipients: [event.data.createdBy],
    title: message(financeTexts.invoiceViewedTitle, { number: event.data.number }),
    body: (reader) =>
      reader.t(financeTexts.invoiceViewedBody, {
        amountDue: money(reader, event.data.amountDue, event.data.currencyCode),
        dueDate: calendarDate(reader, event.data.dueDate),
      }),
  }),
  'invoice.overdue': (event) => ({
    recipients: [event.data.createdBy],
    title: message(financeTexts.invoiceOverdueTitle, { number: event.data.number }),
    body: (reader) =>
      reader.t(financeTexts.invoiceOverdueBody, {
        amountDue: money(reader, event.data.amountDue, event.data.currencyCode),
        total: money(reader, event.data.total, event.data.currencyCode),
        dueDate: calendarDate(reader, event.data.dueDate),
      }),
  }),
  'invoice.paid': (event) => ({
    recipients: [event.data.createdBy],
    title: message(financeTexts.invoicePaidTitle, { number: event.data.number }),
    body: (reader) => reader.t(financeTexts.invoicePaidBody, { amountPaid: money(reader, event.data.amountPaid, event.data.currencyCode) }),
  }),
  /** The recurring invoice's creator (also the issued invoice's), of each period issued, sent or not. */
  'recurring_invoice.issued': (event) => {
    const { number, recipients, sendFailure } = event.data;
    return {
      recipients: [event.data.createdBy],
      title: recipients?.length
        ? message(financeTexts.recurringIssuedSentTitle, { number, recipients: recipients.join(', ') })
        : message(financeTexts.recurringIssuedTitle, { number }),
      body: (reader) => {
        const amount = reader.t(financeTexts.recurringIssuedBody, {
          total: money(reader, event.data.total, event.data.currencyCode),
          dueDate: calendarDate(reader, event.data.dueDate),
        });
        const failure = sendFailure ? SEND_FAILURES[sendFailure] : undefined;
        const unsent = sendFailure ? reader.t(financeTexts.recurringUnsent, { reason: failure ? reader.t(failure) : sendFailure }) : '';
        return `${amount}${unsent}`;
      },
      subject: { type: 'Invoice', id: event.data.invoiceId },
    };
  },
  /** Payments: the invoice's creator (the finance team that issued it) hears of money received and of failed card payments. */
  'payment.received': (event) => ({
    recipients: [event.data.createdBy],
    title: message(financeTexts.paymentReceivedTitle, { number: event.data.invoiceNumber }),
    body: (reader) =>
      reader.t(financeTexts.paymentReceivedBody, {
        amount: money(reader, event.data.amount, event.data.currencyCode),
        amountDue: money(reader, event.data.amountDue, event.data.currencyCode),
      }),
  }),
  'payment.failed': (event) => ({
    recipients: [event.data.createdBy],
    title: message(financeTexts.paymentFailedTitle, { number: event.data.invoiceNumber }),
    body: (reader) =>
      reader.t(financeTexts.paymentFailedBody, {
        amount: money(reader, event.data.amount, event.data.currencyCode),
        ...optional('reason', event.data.reason, 300),
      }),
  }),
};

const webhookRoutes: RoutesOf<WebhooksEvents> = {
  /** The organization's owners and admins (the event names them): they manage its webhooks. */
  'webhook_endpoint.disabled': (event) => ({
    recipients: event.data.recipients,
    title: message(webhookTexts.endpointDisabledTitle),
    body: message(webhookTexts.endpointDisabledBody, { url: clipped(event.data.url, 200), failures: event.data.consecutiveFailures }),
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
  ...typedRoutes(webhooksEvents, webhookRoutes),
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
