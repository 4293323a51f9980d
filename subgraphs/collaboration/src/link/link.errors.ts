import { userError } from '@cellgraph/kernel';

export const LinkErrorCode = {
  InvalidInput: 'LINK_INVALID_INPUT',
  NotFound: 'LINK_NOT_FOUND',
  Exists: 'LINK_EXISTS',
} as const;

export const linkNotFound = () => userError(LinkErrorCode.NotFound, 'No such link', ['input', 'id']);
export const alreadyLinked = () => userError(LinkErrorCode.Exists, 'These objects are already linked with this relationship', ['input', 'toId']);
export const invalidRelationship = () =>
  userError(LinkErrorCode.InvalidInput, 'A relationship is lower-case words joined by _ (at most 50 characters)', ['input', 'relationship']);
export const linkToItself = () => userError(LinkErrorCode.InvalidInput, 'An object cannot be linked to itself', ['input', 'toId']);
