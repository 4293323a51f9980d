import { userError } from '@cellgraph/kernel';
import { IdentityErrorCode } from '../auth/auth.errors.js';
import { organizationMessages } from '../messages.js';

/** Every code the profile answers: identity's shared `IDENTITY_INVALID_INPUT`, and the aggregate's NOT_FOUND. */
export const UserErrorCode = {
  InvalidInput: IdentityErrorCode.InvalidInput,
  NotFound: 'USER_NOT_FOUND',
} as const;

/** The aggregate's NOT_FOUND (its access guard's; no operation answers it today: users are read through their loader). */
export const userNotFound = (field: (string | number)[] = ['input', 'userId']) => userError(UserErrorCode.NotFound, organizationMessages.userNotFound, field);
