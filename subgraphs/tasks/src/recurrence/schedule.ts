import { CronExpressionParser } from 'cron-parser';

/** The first due time of `cron` (read in `timezone`) strictly after `after`. */
export function nextDue(cron: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timezone }).next().toDate();
}

/** Null when `cron` and `timezone` make a valid schedule, else why not. */
export function scheduleProblem(cron: string, timezone: string): string | null {
  try {
    Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    return 'Unknown time zone';
  }
  try {
    CronExpressionParser.parse(cron, { tz: timezone, strict: false });
    return null;
  } catch (error) {
    return `Invalid cron expression: ${(error as Error).message}`;
  }
}
