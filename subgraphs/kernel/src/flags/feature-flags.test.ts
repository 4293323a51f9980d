import { describe, expect, it } from 'vitest';
import { evaluateFlag, flagBucket, safeDefault, type FeatureFlag } from './feature-flags.js';

const flag = (rules: FeatureFlag['rules'], defaultEnabled = false): FeatureFlag => ({ key: 'beta', description: '', defaultEnabled, rules });

describe('feature flag evaluation', () => {
  it('lets the first matching rule decide, else the default', () => {
    const rules: FeatureFlag['rules'] = [
      { kind: 'USER', ids: ['u1'], percentage: null, enabled: false },
      { kind: 'ORGANIZATION', ids: ['o1'], percentage: null, enabled: true },
    ];
    expect(evaluateFlag(flag(rules), { orgId: 'o1', userId: 'u1' })).toBe(false);
    expect(evaluateFlag(flag(rules), { orgId: 'o1', userId: 'u2' })).toBe(true);
    expect(evaluateFlag(flag(rules, true), { orgId: 'o2', userId: 'u2' })).toBe(true);
    expect(evaluateFlag(flag(rules), { orgId: null, userId: null })).toBe(false);
  });

  it('buckets organizations stably per flag, in proportion to the percentage', () => {
    expect(flagBucket('beta', 'org')).toBe(flagBucket('beta', 'org'));
    const orgs = Array.from({ length: 4000 }, (_, index) => `org-${index}`);
    const share = (percentage: number) =>
      orgs.filter((orgId) => evaluateFlag(flag([{ kind: 'PERCENTAGE', ids: [], percentage, enabled: true }]), { orgId, userId: null })).length / orgs.length;
    expect(share(0)).toBe(0);
    expect(share(100)).toBe(1);
    expect(share(20)).toBeGreaterThan(0.17);
    expect(share(20)).toBeLessThan(0.23);
    // Raising the percentage only adds organizations: those already in stay in.
    const inAt = (percentage: number) => new Set(orgs.filter((orgId) => flagBucket('beta', orgId) < percentage));
    const atFifty = inAt(50);
    expect([...inAt(20)].every((orgId) => atFifty.has(orgId))).toBe(true);
  });

  it('keeps modules on and features off when a flag is unknown', () => {
    expect(safeDefault('module.tasks')).toBe(true);
    expect(safeDefault('beta.reports')).toBe(false);
  });
});
