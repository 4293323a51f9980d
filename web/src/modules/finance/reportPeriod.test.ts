import { describe, expect, it } from 'vitest';
import { isPresetPeriod, monthsOf, periodProblem, presetPeriod } from './reportPeriod';

describe('the reports period', () => {
  it('counts the presets from today in whole calendar months', () => {
    expect(presetPeriod('this-year', '2026-05-17')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(presetPeriod('last-12-months', '2026-05-17')).toEqual({ from: '2025-06-01', to: '2026-05-31' });
    expect(presetPeriod('last-12-months', '2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(presetPeriod('this-quarter', '2026-05-17')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(presetPeriod('this-quarter', '2028-02-29')).toEqual({ from: '2028-01-01', to: '2028-03-31' });
    expect(presetPeriod('this-quarter', '2026-12-01')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('recognizes a preset’s period', () => {
    expect(isPresetPeriod({ from: '2026-04-01', to: '2026-06-30' }, 'this-quarter', '2026-05-17')).toBe(true);
    expect(isPresetPeriod({ from: '2026-04-01', to: '2026-06-29' }, 'this-quarter', '2026-05-17')).toBe(false);
    // In December this year is the last 12 months too.
    expect(isPresetPeriod({ from: '2026-01-01', to: '2026-12-31' }, 'this-year', '2026-12-06')).toBe(true);
    expect(isPresetPeriod({ from: '2026-01-01', to: '2026-12-31' }, 'last-12-months', '2026-12-06')).toBe(true);
  });

  it('lists the months a period touches, across years', () => {
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
    expect(monthsOf({ from: '2026-03-31', to: '2026-03-31' })).toEqual(['2026-03-01']);
    expect(monthsOf({ from: '2026-04-01', to: '2026-03-31' })).toEqual([]);
    expect(monthsOf(presetPeriod('last-12-months', '2026-05-17'))).toHaveLength(12);
  });

  it('says what the API would refuse', () => {
    expect(periodProblem({ from: '2026-01-01', to: '2026-12-31' })).toBeNull();
    expect(periodProblem({ from: '2026-02-01', to: '2026-01-31' })).toBe('The end is before the start.');
    expect(periodProblem({ from: '', to: '2026-01-31' })).toBe('Choose a start and an end date.');
    expect(periodProblem({ from: '2026-02-30', to: '2026-03-31' })).toBe('Choose a start and an end date.');
    expect(periodProblem({ from: '2016-01-01', to: '2026-01-05' })).toBeNull(); // 3657 days
    expect(periodProblem({ from: '2016-01-01', to: '2026-01-09' })).toBe('A report covers at most ten years.'); // 3661 days
  });
});
