import { describe, expect, it } from 'vitest';
import { EVENT_PATTERN, resolveChannels, specificity, type PatternChoice } from './resolve.js';

const pref = (eventPattern: string, choice: Partial<PatternChoice> = {}): PatternChoice => ({
  eventPattern,
  inApp: true,
  email: true,
  push: false,
  muted: false,
  ...choice,
});

describe('preference resolution', () => {
  it('defaults to in-app and e-mail without push', () => {
    expect(resolveChannels([], 'task.assigned')).toEqual({ inApp: true, email: true, push: false });
  });

  it('lets the exact type beat the longest prefix, which beats a shorter one and *', () => {
    const prefs = [
      pref('*', { push: true }),
      pref('task.*', { email: false }),
      pref('task.checklist.*', { inApp: false }),
      pref('task.assigned', { muted: true }),
    ];
    expect(resolveChannels(prefs, 'task.assigned')).toEqual({ inApp: false, email: false, push: false });
    expect(resolveChannels(prefs, 'task.checklist.completed')).toEqual({ inApp: false, email: true, push: false });
    expect(resolveChannels(prefs, 'task.completed')).toEqual({ inApp: true, email: false, push: false });
    expect(resolveChannels(prefs, 'deal.assigned')).toEqual({ inApp: true, email: true, push: true });
  });

  it('mutes everything a muted pattern covers, unless a more specific one says otherwise', () => {
    const prefs = [pref('task.*', { muted: true }), pref('task.assigned', { email: false })];
    expect(resolveChannels(prefs, 'task.completed')).toEqual({ inApp: false, email: false, push: false });
    expect(resolveChannels(prefs, 'task.assigned')).toEqual({ inApp: true, email: false, push: false });
  });

  it('matches prefixes on whole segments only', () => {
    expect(specificity('task.*', 'tasks.assigned')).toBe(-1);
    expect(specificity('task.*', 'task.assigned')).toBeGreaterThan(specificity('*', 'task.assigned'));
    expect(['*', 'task.*', 'task.assigned', 'a.b.*'].every((p) => EVENT_PATTERN.test(p))).toBe(true);
    expect(['', 'task.', '*.assigned', 'Task.x', 'task.**', 'task.*.x'].some((p) => EVENT_PATTERN.test(p))).toBe(false);
  });
});
