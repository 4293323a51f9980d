import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedProgress, installmentDays, isOnTrack, type Frequency, type PacePlan } from './pace.js';

const DAY_MS = 86_400_000;
const date = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayOf = (value: string) => Date.parse(`${value}T00:00:00Z`) / DAY_MS;

describe('expectedProgress', () => {
  const plan = (frequency: Frequency): PacePlan => ({ quantity: 12, frequency, startDate: '2026-01-01', dueDate: '2026-12-31' });

  it('expects a one-off deliverable whole the day after its due date, nothing before', () => {
    expect(expectedProgress(plan('ONCE'), '2026-12-31')).toBe(0);
    expect(expectedProgress(plan('ONCE'), '2027-01-01')).toBe(12);
  });

  it('expects a monthly share the day after each month ends', () => {
    expect(installmentDays(plan('MONTHLY')).map(date)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-30',
      '2026-12-31',
    ]);
    expect(expectedProgress(plan('MONTHLY'), '2026-01-31')).toBe(0);
    expect(expectedProgress(plan('MONTHLY'), '2026-02-01')).toBe(1);
    expect(expectedProgress(plan('MONTHLY'), '2026-07-15')).toBe(6);
    expect(isOnTrack(plan('MONTHLY'), 5, '2026-07-15')).toBe(false);
    expect(isOnTrack(plan('MONTHLY'), 6, '2026-07-15')).toBe(true);
  });

  it('splits quarterly and weekly plans, the last period ending on the due date', () => {
    expect(installmentDays(plan('QUARTERLY')).map(date)).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']);
    expect(expectedProgress(plan('QUARTERLY'), '2026-10-01')).toBe(9);
    const weekly: PacePlan = { quantity: 3, frequency: 'WEEKLY', startDate: '2026-03-02', dueDate: '2026-03-20' };
    expect(installmentDays(weekly).map(date)).toEqual(['2026-03-08', '2026-03-15', '2026-03-20']);
    expect(expectedProgress(weekly, '2026-03-16')).toBe(2);
  });

  it('clamps a month-end start to shorter months', () => {
    const fromJanuary31: PacePlan = { quantity: 3, frequency: 'MONTHLY', startDate: '2026-01-31', dueDate: '2026-04-29' };
    expect(installmentDays(fromJanuary31).map(date)).toEqual(['2026-02-27', '2026-03-30', '2026-04-29']);
  });
});

describe('pace (properties)', () => {
  const plans = fc
    .record({
      quantity: fc.integer({ min: 1, max: 1000 }),
      frequency: fc.constantFrom<Frequency>('ONCE', 'WEEKLY', 'MONTHLY', 'QUARTERLY'),
      start: fc.integer({ min: dayOf('2000-01-01'), max: dayOf('2040-12-31') }),
      length: fc.integer({ min: 0, max: 3 * 366 }),
    })
    .map(({ quantity, frequency, start, length }) => ({ quantity, frequency, startDate: date(start), dueDate: date(start + length) }));
  const offset = fc.integer({ min: -400, max: 4 * 366 });

  it('expects between nothing and everything, nothing up to the start and everything after the due date', () => {
    fc.assert(
      fc.property(plans, offset, (plan, days) => {
        const expected = expectedProgress(plan, date(dayOf(plan.startDate) + days));
        expect(expected).toBeGreaterThanOrEqual(0);
        expect(expected).toBeLessThanOrEqual(plan.quantity);
        expect(expectedProgress(plan, plan.startDate)).toBe(0);
        expect(expectedProgress(plan, date(dayOf(plan.dueDate) + 1))).toBe(plan.quantity);
      }),
    );
  });

  it('never expects less later, and installments are increasing days ending on the due date', () => {
    fc.assert(
      fc.property(plans, offset, fc.integer({ min: 0, max: 400 }), (plan, days, later) => {
        const day = dayOf(plan.startDate) + days;
        expect(expectedProgress(plan, date(day + later))).toBeGreaterThanOrEqual(expectedProgress(plan, date(day)));
        const installments = installmentDays(plan);
        expect(installments.at(-1)).toBe(dayOf(plan.dueDate));
        installments.slice(1).forEach((value, index) => expect(value).toBeGreaterThan(installments[index]!));
        expect(installments[0]).toBeGreaterThanOrEqual(dayOf(plan.startDate));
      }),
    );
  });

  it('keeps whoever did more on track whenever whoever did less is, and whoever did everything always', () => {
    fc.assert(
      fc.property(plans, offset, fc.nat(1000), fc.nat(1000), (plan, days, a, b) => {
        const today = date(dayOf(plan.startDate) + days);
        if (isOnTrack(plan, Math.min(a, b), today)) expect(isOnTrack(plan, Math.max(a, b), today)).toBe(true);
        expect(isOnTrack(plan, plan.quantity, today)).toBe(true);
      }),
    );
  });
});
