/*
 * Whether a deliverable keeps pace: pure date arithmetic on calendar dates ("YYYY-MM-DD", UTC).
 *
 * A deliverable of `quantity` items runs from its start (the contract's signature) to its due date,
 * delivered at its frequency: ONCE is one installment on the due date; WEEKLY, MONTHLY and QUARTERLY
 * split the quantity evenly over the periods from the start, the last period ending on the due
 * date. An installment is late the day after its period ends; the expected progress is the part
 * of the quantity whose installments are late (rounded down), and a deliverable whose progress is
 * below it is behind pace.
 */

export type Frequency = 'ONCE' | 'WEEKLY' | 'MONTHLY' | 'QUARTERLY';

export interface PacePlan {
  quantity: number;
  frequency: Frequency;
  /** The first day of the first period. */
  startDate: string;
  /** The last day of the last period (not before `startDate`). */
  dueDate: string;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar date. */
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** The day number `periods` periods after `start` (months keep the day of month, clamped to the month's last day). */
function addPeriods(start: string, frequency: Exclude<Frequency, 'ONCE'>, periods: number): number {
  if (frequency === 'WEEKLY') return dayNumber(start) + 7 * periods;
  const [year, month, day] = start.split('-').map(Number) as [number, number, number];
  const months = month - 1 + periods * (frequency === 'QUARTERLY' ? 3 : 1);
  const lastDay = new Date(Date.UTC(year, months + 1, 0)).getUTCDate();
  return Date.UTC(year, months, Math.min(day, lastDay)) / DAY_MS;
}

/** The last day of each period, in order: one per installment, the last one the due date. */
export function installmentDays(plan: PacePlan): number[] {
  const due = dayNumber(plan.dueDate);
  if (plan.frequency === 'ONCE') return [due];
  const days: number[] = [];
  for (let period = 1; ; period++) {
    // A period ends the day before the next one starts.
    const end = addPeriods(plan.startDate, plan.frequency, period) - 1;
    if (end >= due) break;
    days.push(end);
  }
  days.push(due);
  return days;
}

/** How many items should be done by `today`: the quantity's share of the installments already late. */
export function expectedProgress(plan: PacePlan, today: string): number {
  const days = installmentDays(plan);
  const now = dayNumber(today);
  const late = days.filter((day) => day < now).length;
  return Math.floor((plan.quantity * late) / days.length);
}

/** On track: at least the expected progress is done. */
export const isOnTrack = (plan: PacePlan, progress: number, today: string): boolean => progress >= expectedProgress(plan, today);

/** Today's calendar date in UTC. */
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);
