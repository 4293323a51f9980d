import { userError } from '@cellgraph/kernel';
import { collaborationErrorTexts } from '../messages.js';

export const LinkErrorCode = {
  InvalidInput: 'LINK_INVALID_INPUT',
  NotFound: 'LINK_NOT_FOUND',
  Exists: 'LINK_EXISTS',
} as const;

export const linkNotFound = () => userError(LinkErrorCode.NotFound, collaborationErrorTexts.linkNotFound, ['input', 'id']);
export const alreadyLinked = () => userError(LinkErrorCode.Exists, collaborationErrorTexts.alreadyLinked, ['input', 'toId']);
export const invalidRelationship = () => userError(LinkErrorCode.InvalidInput, collaborationErrorTexts.relationshipFormat, ['input', 'relationship']);
export const linkToItself = () => userError(LinkErrorCode.InvalidInput, collaborationErrorTexts.selfLink, ['input', 'toId']);
