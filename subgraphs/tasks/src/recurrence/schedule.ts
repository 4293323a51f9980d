import { zodMessage } from '@cellgraph/kernel';
import { CronExpressionParser } from 'cron-parser';
import { taskErrorTexts } from '../messages.js';

/** The first due time of `cron` (read in `timezone`) strictly after `after`. */
export function nextDue(cron: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timezone }).next().toDate();
}

/** Null when `cron` and `timezone` make a valid schedule, else which of them is wrong and why (a zodMessage). */
export function scheduleProblem(cron: string, timezone: string): { field: 'timezone' | 'cron'; message: string } | null {
  try {
    Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    return { field: 'timezone', message: zodMessage(taskErrorTexts.unknownTimeZone) };
  }
  try {
    CronExpressionParser.parse(cron, { tz: timezone, strict: false });
    return null;
  } catch (error) {
    return { field: 'cron', message: zodMessage(taskErrorTexts.invalidCron, { reason: (error as Error).message }) };
  }
}
