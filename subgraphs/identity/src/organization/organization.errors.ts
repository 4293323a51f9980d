import { userError } from '@cellgraph/kernel';
import { organizationMessages } from '../messages.js';

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
  userError(OrganizationErrorCode.NotFound, organizationMessages.organizationNotFound, field);
export const memberNotFound = () => userError(OrganizationErrorCode.MemberNotFound, organizationMessages.memberNotFound, ['input', 'userId']);
export const ownerRoleFixed = () => userError(OrganizationErrorCode.OwnerRoleFixed, organizationMessages.ownerRoleFixed, ['input', 'userId']);
export const ownerViaTransfer = () => userError(OrganizationErrorCode.InvalidRole, organizationMessages.ownerViaTransfer, ['input', 'role']);
export const ownerCannotLeave = () => userError(OrganizationErrorCode.OwnerCannotLeave, organizationMessages.ownerCannotLeave, ['input', 'userId']);
export const transferToSelf = () => userError(OrganizationErrorCode.AlreadyOwner, organizationMessages.transferToSelf, ['input', 'userId']);
