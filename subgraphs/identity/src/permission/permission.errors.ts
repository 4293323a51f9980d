import { invalidInput, userError } from '@cellgraph/kernel';
import { accessMessages } from '../messages.js';

/** Every code sharing answers. */
export const PermissionErrorCode = {
  InvalidObject: 'PERMISSION_INVALID_OBJECT',
  InvalidSubject: 'PERMISSION_INVALID_SUBJECT',
  ObjectNotFound: 'PERMISSION_OBJECT_NOT_FOUND',
  NotFound: 'PERMISSION_NOT_FOUND',
} as const;

export const invalidObject = () => userError(PermissionErrorCode.InvalidObject, accessMessages.invalidObject, ['input', 'objectId']);
export const invalidSubject = () => userError(PermissionErrorCode.InvalidSubject, accessMessages.invalidSubject, ['input', 'subjectId']);
export const objectNotFound = () => userError(PermissionErrorCode.ObjectNotFound, accessMessages.objectNotFound, ['input', 'objectId']);
export const notGranted = () => userError(PermissionErrorCode.NotFound, accessMessages.notGranted, ['input', 'subjectId']);
/** objectPermissions' argument (a query: BAD_USER_INPUT at the argument, not a user error). */
export const invalidObjectArgument = () => invalidInput(accessMessages.invalidObjectArgument, { argument: 'objectId' });

/** Module access (restricted modules such as finance). */
export const ModuleAccessErrorCode = {
  UnknownModule: 'PERMISSION_MODULE_UNKNOWN',
} as const;

export const unknownModule = () => userError(ModuleAccessErrorCode.UnknownModule, accessMessages.unknownModule, ['input', 'module']);
export const moduleNotGranted = () => userError(PermissionErrorCode.NotFound, accessMessages.moduleNotGranted, ['input', 'subjectId']);
/** moduleGrants' argument (a query: BAD_USER_INPUT at the argument). */
export const unknownModuleArgument = () => invalidInput(accessMessages.unknownModuleArgument, { argument: 'module' });
