import { userError } from '@cellgraph/kernel';

/** Every code organizations and memberships answer. */
export const OrganizationErrorCode = {
  InvalidInput: 'ORGANIZATION_INVALID_INPUT',
  NotFound: 'ORGANIZATION_NOT_FOUND',
  AlreadyOwner: 'ORGANIZATION_ALREADY_OWNER',
  MemberNotFound: 'MEMBERSHIP_NOT_FOUND',
  OwnerRoleFixed: 'MEMBERSHIP_OWNER_ROLE_FIXED',
  InvalidRole: 'MEMBERSHIP_INVALID_ROLE',
  OwnerCannotLeave: 'MEMBERSHIP_OWNER_CANNOT_LEAVE',
} as const;

/** The aggregate's NOT_FOUND (its access guard's; no operation takes an organization id today: a caller acts in its own). */
export const organizationNotFound = (field: (string | number)[] = ['input', 'organizationId']) =>
  userError(OrganizationErrorCode.NotFound, 'No such organization', field);
export const memberNotFound = () => userError(OrganizationErrorCode.MemberNotFound, 'This user is not a member of your organization', ['input', 'userId']);
export const ownerRoleFixed = () =>
  userError(OrganizationErrorCode.OwnerRoleFixed, 'The owner keeps their role: transfer the ownership instead', ['input', 'userId']);
export const ownerViaTransfer = () => userError(OrganizationErrorCode.InvalidRole, 'Make someone owner with organizationOwnershipTransfer', ['input', 'role']);
export const ownerCannotLeave = () => userError(OrganizationErrorCode.OwnerCannotLeave, 'Transfer the ownership before leaving', ['input', 'userId']);
export const transferToSelf = () => userError(OrganizationErrorCode.AlreadyOwner, 'You already own this organization', ['input', 'userId']);
