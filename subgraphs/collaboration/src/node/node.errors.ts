import { userError } from '@cellgraph/kernel';

export const NodeErrorCode = {
  NotFound: 'NODE_NOT_FOUND',
} as const;

export const nodeNotFound = (field: (string | number)[]) =>
  userError(NodeErrorCode.NotFound, 'No object with this id exists in your organization or is visible to you', field);
