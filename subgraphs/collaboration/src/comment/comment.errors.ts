import { userError, text } from '@cellgraph/kernel';
import { collaborationErrorTexts } from '../messages.js';

export const CommentErrorCode = {
  InvalidInput: 'COMMENT_INVALID_INPUT',
  NotFound: 'COMMENT_NOT_FOUND',
  NotYours: 'COMMENT_NOT_YOURS',
  MentionInvalid: 'COMMENT_MENTION_INVALID',
} as const;

export const commentNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(CommentErrorCode.NotFound, collaborationErrorTexts.commentNotFound, field);
export const replyToReply = () => userError(CommentErrorCode.InvalidInput, collaborationErrorTexts.replyToTopLevel, ['input', 'parentId']);
export const notYoursToEdit = () => userError(CommentErrorCode.NotYours, collaborationErrorTexts.onlyAuthorEdits, ['input', 'id']);
export const notYoursToDelete = () => userError(CommentErrorCode.NotYours, collaborationErrorTexts.onlyAuthorDeletes, ['input', 'id']);
export const mentionInvalid = (id: string) =>
  userError(CommentErrorCode.MentionInvalid, text(collaborationErrorTexts.mentionInvalid, { id }), ['input', 'body']);
export const tooManyMentions = (max: number) =>
  userError(CommentErrorCode.InvalidInput, text(collaborationErrorTexts.tooManyMentions, { max }), ['input', 'body']);
