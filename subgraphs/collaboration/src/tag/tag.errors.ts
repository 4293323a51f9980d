import { userError, text } from '@cellgraph/kernel';
import { collaborationErrorTexts } from '../messages.js';

export const TagErrorCode = {
  InvalidInput: 'TAG_INVALID_INPUT',
  NotFound: 'TAG_NOT_FOUND',
  NameTaken: 'TAG_NAME_TAKEN',
} as const;

export const tagNotFound = (field = 'id') => userError(TagErrorCode.NotFound, collaborationErrorTexts.tagNotFound, ['input', field]);
export const nameTaken = () => userError(TagErrorCode.NameTaken, collaborationErrorTexts.tagNameTaken, ['input', 'name']);
export const nodeCountInvalid = (max: number) => userError(TagErrorCode.InvalidInput, text(collaborationErrorTexts.nodeCount, { max }), ['input', 'nodeIds']);
