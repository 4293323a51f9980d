import type { PublishedEvent } from '@cellgraph/kernel';

/** What an event means to its recipients: who, and the text of their notification. */
export interface Routed {
  recipients: string[];
  title: string;
  body: string;
  /** The object it is about, when not the event's subject (a mention is about the comment's object). */
  subject?: { type: string; id: string } | null;
}

type Route = (event: PublishedEvent) => Routed | null;

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const after = (event: PublishedEvent, field: string) => (event.data.after as Record<string, unknown> | undefined)?.[field];
const before = (event: PublishedEvent, field: string) => (event.data.before as Record<string, unknown> | undefined)?.[field];
const quoted = (text: string | null, max = 120) => (text ? `“${text.length > max ? `${text.slice(0, max - 1)}…` : text}”` : null);

const STATUS_LABELS: Record<string, string> = { todo: 'To do', in_progress: 'In progress', done: 'Done', canceled: 'Canceled' };
const statusLabel = (value: unknown) => (typeof value === 'string' ? (STATUS_LABELS[value] ?? value.replace(/_/g, ' ')) : 'none');
const article = (type: string) => (/^[AEIOU]/.test(type) ? 'an' : 'a');

/** The task's title, quoted ("taskTitle" on task changes), or null. */
const taskTitle = (event: PublishedEvent) => quoted(str(event.data.taskTitle));

/** The task's watchers at the time of the change (tasks puts them in `data.recipients`). */
const watchers = (event: PublishedEvent) => ids(event.data.recipients);

/**
 * The routing table: the events that notify, and whom. Every other event is ignored (task.created,
 * task.updated and task.moved are too frequent to notify: assignment, status and completion have
 * events of their own). The actor is never notified of their own action, and every recipient must
 * be a member of the event's organization (the router checks both).
 */
export const ROUTES: Readonly<Record<string, Route>> = {
  /** The new assignee. */
  'task.assigned': (event) => {
    const assignee = str(after(event, 'assigneeId'));
    const body = taskTitle(event) ? `${taskTitle(event)}: open it to see what is expected and when it is due.` : 'Open it to see what is expected and when it is due.';
    return assignee ? { recipients: [assignee], title: 'A task was assigned to you', body } : null;
  },
  /** The watchers (not for → done: task.completed says it). */
  'task.status_changed': (event) =>
    after(event, 'status') === 'done'
      ? null
      : { recipients: watchers(event), title: 'A task you watch changed status', body: `${taskTitle(event) ? `${taskTitle(event)}: ` : ''}${statusLabel(before(event, 'status'))} → ${statusLabel(after(event, 'status'))}` },
  'task.completed': (event) => ({ recipients: watchers(event), title: 'A task you watch was completed', body: `${taskTitle(event) ?? 'It'} is marked done.` }),
  'task.deleted': (event) => ({
    recipients: watchers(event),
    title: 'A task you watch was deleted',
    body: `${quoted(str(event.data.title)) ?? 'It'} was moved to the trash.`,
  }),
  'task.unblocked': (event) => ({ recipients: watchers(event), title: 'A task you watch is unblocked', body: 'Every task it was waiting for is done.' }),
  'task.checklist_completed': (event) => ({
    recipients: watchers(event),
    title: 'A checklist was completed',
    body: `${quoted(str(event.data.title)) ?? 'A checklist'} of a task you watch is complete.`,
  }),
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
  /** A board automation's "notify" action: its recipients, with its message. */
  'automation.notification_requested': (event) => ({
    recipients: ids(event.data.recipients),
    title: str(event.data.automation) ? `Automation: ${str(event.data.automation)}` : 'A board automation notified you',
    body: str(event.data.message) ?? '',
  }),
  /** CRM: the new owner. */
  'contact.assigned': (event) => {
    const owner = str(after(event, 'assignedTo'));
    return owner ? { recipients: [owner], title: 'A contact was assigned to you', body: 'You own the relationship now.' } : null;
  },
  'deal.assigned': (event) => {
    const owner = str(after(event, 'ownerId'));
    const title = quoted(str(event.data.title));
    return owner ? { recipients: [owner], title: title ? `Deal ${title} was assigned to you` : 'A deal was assigned to you', body: 'You own the deal now.' } : null;
  },
};

/** The event patterns this subgraph consumes (routed events, and identity's for addresses). */
export const ROUTED_EVENTS = Object.keys(ROUTES);
