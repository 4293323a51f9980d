import { userError } from '@cellgraph/kernel';

export const CommentErrorCode = {
  InvalidInput: 'COMMENT_INVALID_INPUT',
  NotFound: 'COMMENT_NOT_FOUND',
  NotYours: 'COMMENT_NOT_YOURS',
  MentionInvalid: 'COMMENT_MENTION_INVALID',
} as const;

export const commentNotFound = (field: (string | number)[] = ['input', 'id']) => userError(CommentErrorCode.NotFound, 'No such comment', field);
export const replyToReply = () => userError(CommentErrorCode.InvalidInput, 'Reply in the thread: to its top-level comment', ['input', 'parentId']);
export const notYoursToEdit = () => userError(CommentErrorCode.NotYours, 'Only its author can edit a comment', ['input', 'id']);
export const notYoursToDelete = () => userError(CommentErrorCode.NotYours, 'Only its author or the object’s managers can delete a comment', ['input', 'id']);
export const mentionInvalid = (id: string) => userError(CommentErrorCode.MentionInvalid, `<@${id}> is not a member of your organization`, ['input', 'body']);
export const tooManyMentions = (max: number) => userError(CommentErrorCode.InvalidInput, `A comment mentions at most ${max} people`, ['input', 'body']);
