import { userError } from '@cellgraph/kernel';


export const OrganizationErrorCode = { InvalidInput: 'ORGANIZATION_INVALID_INPUT' } as const;

export const memberNotFound = () => userError('MEMBERSHIP_NOT_FOUND', 'This user is not a member of your organization', ['input', 'userId']);
export const ownerRoleFixed = () => userError('MEMBERSHIP_OWNER_ROLE_FIXED', 'The owner keeps their role: transfer the ownership instead', ['input', 'userId']);
export const ownerViaTransfer = () => userError('MEMBERSHIP_INVALID_ROLE', 'Make someone owner with organizationOwnershipTransfer', ['input', 'role']);
export const ownerCannotLeave = () => userError('MEMBERSHIP_OWNER_CANNOT_LEAVE', 'Transfer the ownership before leaving', ['input', 'userId']);
export const transferToSelf = () => userError('ORGANIZATION_ALREADY_OWNER', 'You already own this organization', ['input', 'userId']);
