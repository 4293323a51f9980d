import type { TaskPriority, TaskStatus } from '../../gql/graphql';
import { activeTranslator, type Message } from '../../app/i18n';
import { m } from './messages';

export const STATUSES: readonly TaskStatus[] = ['TODO', 'IN_PROGRESS', 'DONE', 'CANCELED'];
export const PRIORITIES: readonly TaskPriority[] = ['URGENT', 'HIGH', 'MEDIUM', 'LOW'];

const STATUS_LABELS: Record<TaskStatus, Message> = { TODO: m.statusTodo, IN_PROGRESS: m.statusInProgress, DONE: m.statusDone, CANCELED: m.statusCanceled };
const PRIORITY_LABELS: Record<TaskPriority, Message> = { URGENT: m.priorityUrgent, HIGH: m.priorityHigh, MEDIUM: m.priorityMedium, LOW: m.priorityLow };
const say = (message: Message, values?: Record<string, unknown>) => activeTranslator().t(message, values);

/** A status's name in the reader's language ("In progress"). */
export const statusLabel = (status: TaskStatus) => (STATUS_LABELS[status] ? say(STATUS_LABELS[status]) : status);
/** A priority's name in the reader's language ("Urgent", "No priority"). */
export const priorityLabel = (priority: TaskPriority | null | undefined) =>
  priority ? (PRIORITY_LABELS[priority] ? say(PRIORITY_LABELS[priority]) : priority) : say(m.noPriority);

/** The due date is in the past (and the task is still open). */
export function isOverdue(dueDate: string | null | undefined, status: TaskStatus): boolean {
  if (!dueDate || status === 'DONE' || status === 'CANCELED') return false;
  return new Date(dueDate).getTime() < Date.now();
}

/** An ISO instant → the value of an `<input type="date">` (local calendar day). */
export function toDateInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The value of an `<input type="date">` → an ISO instant at the end of that local day (null when empty). */
export function fromDateInput(value: string): string | null {
  if (!value) return null;
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return null;
  return new Date(year, month - 1, day, 23, 59, 0).toISOString();
}

/** 3725 → "1h 2m" (in the reader's language). */
export function formatDuration(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours && minutes) return say(m.durationHoursMinutes, { hours, minutes });
  if (hours) return say(m.durationHours, { hours });
  return say(m.durationMinutes, { minutes });
}
