import { userError } from '@cellgraph/kernel';
import { collaborationErrorTexts } from '../messages.js';

export const NodeErrorCode = {
  NotFound: 'NODE_NOT_FOUND',
} as const;

export const nodeNotFound = (field: (string | number)[]) => userError(NodeErrorCode.NotFound, collaborationErrorTexts.nodeNotFound, field);
