import { userError } from '@cellgraph/kernel';

export const TagErrorCode = {
  InvalidInput: 'TAG_INVALID_INPUT',
  NotFound: 'TAG_NOT_FOUND',
  NameTaken: 'TAG_NAME_TAKEN',
} as const;

export const tagNotFound = (field = 'id') => userError(TagErrorCode.NotFound, 'No such tag in your organization', ['input', field]);
export const nameTaken = () => userError(TagErrorCode.NameTaken, 'Another tag has this name', ['input', 'name']);
export const nodeCountInvalid = (max: number) => userError(TagErrorCode.InvalidInput, `Give 1 to ${max} objects`, ['input', 'nodeIds']);
