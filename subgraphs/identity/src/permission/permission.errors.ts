import { invalidInput, userError } from '@cellgraph/kernel';

/** Every code sharing answers. */
export const PermissionErrorCode = {
  InvalidObject: 'PERMISSION_INVALID_OBJECT',
  InvalidSubject: 'PERMISSION_INVALID_SUBJECT',
  ObjectNotFound: 'PERMISSION_OBJECT_NOT_FOUND',
  NotFound: 'PERMISSION_NOT_FOUND',
} as const;

export const invalidObject = () => userError(PermissionErrorCode.InvalidObject, 'Not the id of an object that can be shared', ['input', 'objectId']);
export const invalidSubject = () => userError(PermissionErrorCode.InvalidSubject, 'Share with a member or a team of your organization', ['input', 'subjectId']);
export const objectNotFound = () => userError(PermissionErrorCode.ObjectNotFound, 'No object with this id exists in your organization', ['input', 'objectId']);
export const notGranted = () => userError(PermissionErrorCode.NotFound, 'This subject holds no grant on this object', ['input', 'subjectId']);
/** objectPermissions' argument (a query: BAD_USER_INPUT at the argument, not a user error). */
export const invalidObjectArgument = () => invalidInput('objectId is not the id of an object that can be shared', { argument: 'objectId' });

/** Module access (restricted modules such as finance). */
export const ModuleAccessErrorCode = {
  UnknownModule: 'PERMISSION_MODULE_UNKNOWN',
} as const;

export const unknownModule = () =>
  userError(ModuleAccessErrorCode.UnknownModule, 'Not a restricted module of this cell (see restrictedModules)', ['input', 'module']);
export const moduleNotGranted = () => userError(PermissionErrorCode.NotFound, 'This subject holds no grant on this module', ['input', 'subjectId']);
/** moduleGrants' argument (a query: BAD_USER_INPUT at the argument). */
export const unknownModuleArgument = () => invalidInput('module is not a restricted module of this cell', { argument: 'module' });
