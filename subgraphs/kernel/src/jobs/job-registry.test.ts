import { describe, expect, it } from 'vitest';
import { safeDefault } from '../flags/feature-flags.js';
import { checkSchedule, jobFlagKey, repeatOptions } from './job-registry.js';
import { jobMessages } from './messages.js';

const description = jobMessages.trashSweep;

describe('schedule declarations', () => {
  it('take a cron pattern (with a time zone) or an interval, never both or neither', () => {
    expect(repeatOptions({ job: 'a', cron: '0 3 * * *', timeZone: 'Europe/Berlin', description })).toEqual({ pattern: '0 3 * * *', tz: 'Europe/Berlin' });
    expect(repeatOptions({ job: 'a', cron: '0 3 * * *', description })).toEqual({ pattern: '0 3 * * *' });
    expect(repeatOptions({ job: 'a', everyMs: 60_000, description })).toEqual({ every: 60_000 });
    expect(() => checkSchedule('tasks', { job: 'a', cron: '* * * * *', everyMs: 1_000, description })).toThrow(/exactly one of cron and everyMs/);
    expect(() => checkSchedule('tasks', { job: 'a', description })).toThrow(/exactly one of cron and everyMs/);
    expect(() => checkSchedule('tasks', { job: 'a', everyMs: 0, description })).toThrow(/positive/);
    expect(() => checkSchedule('tasks', { job: 'a', everyMs: 1_000, timeZone: 'UTC', description })).toThrow(/timeZone without cron/);
  });

  it('are switched by a flag that is on unless a platform administrator turned it off', () => {
    expect(jobFlagKey('tasks', 'recurrence.sweep')).toBe('job.tasks.recurrence.sweep');
    expect(safeDefault(jobFlagKey('tasks', 'recurrence.sweep'))).toBe(true);
    expect(safeDefault('tasks.gantt')).toBe(false);
  });
});
