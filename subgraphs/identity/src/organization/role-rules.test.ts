import { describe, expect, it } from 'vitest';
import { OrganizationRole as R } from './membership.entity.js';
import { mayChangeRole, mayInvite, mayRemove } from './role-rules.js';

describe('role rules', () => {
  it('lets the owner set any role below owner, admins only between member and guest', () => {
    expect(mayChangeRole(R.OWNER, R.MEMBER, R.ADMIN)).toBe(true);
    expect(mayChangeRole(R.OWNER, R.ADMIN, R.GUEST)).toBe(true);
    expect(mayChangeRole(R.ADMIN, R.MEMBER, R.GUEST)).toBe(true);
    expect(mayChangeRole(R.ADMIN, R.MEMBER, R.ADMIN)).toBe(false);
    expect(mayChangeRole(R.ADMIN, R.ADMIN, R.MEMBER)).toBe(false);
    expect(mayChangeRole(R.MEMBER, R.GUEST, R.MEMBER)).toBe(false);
    expect(mayChangeRole(R.OWNER, R.MEMBER, R.OWNER)).toBe(false);
    expect(mayChangeRole(R.OWNER, R.OWNER, R.ADMIN)).toBe(false);
  });

  it('lets anyone but the owner leave, and managers remove those below them', () => {
    expect(mayRemove(R.GUEST, true, R.GUEST)).toBe(true);
    expect(mayRemove(R.OWNER, true, R.OWNER)).toBe(false);
    expect(mayRemove(R.ADMIN, false, R.MEMBER)).toBe(true);
    expect(mayRemove(R.ADMIN, false, R.ADMIN)).toBe(false);
    expect(mayRemove(R.OWNER, false, R.ADMIN)).toBe(true);
    expect(mayRemove(R.MEMBER, false, R.GUEST)).toBe(false);
  });

  it('lets owners invite admins, admins only members and guests', () => {
    expect(mayInvite(R.OWNER, R.ADMIN)).toBe(true);
    expect(mayInvite(R.ADMIN, R.ADMIN)).toBe(false);
    expect(mayInvite(R.ADMIN, R.GUEST)).toBe(true);
    expect(mayInvite(R.MEMBER, R.GUEST)).toBe(false);
    expect(mayInvite(R.OWNER, R.OWNER)).toBe(false);
  });
});
