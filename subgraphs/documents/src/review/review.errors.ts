import { userError } from '@cellgraph/kernel';

/** Every code external review answers with (besides DOCUMENT_INVALID_INPUT and DOCUMENT_NOT_FOUND). */
export const ReviewErrorCode = {
  /** Expired, revoked, unknown, malformed or guessed: one answer, so a token's state never leaks. */
  TokenInvalid: 'DOCUMENT_REVIEW_TOKEN_INVALID',
  ReviewNotFound: 'DOCUMENT_REVIEW_NOT_FOUND',
  SuggestionNotFound: 'DOCUMENT_SUGGESTION_NOT_FOUND',
  SuggestionDecided: 'DOCUMENT_SUGGESTION_ALREADY_DECIDED',
  SuggestionStale: 'DOCUMENT_SUGGESTION_STALE',
} as const;

export const reviewTokenInvalid = (field: (string | number)[] = ['token']) =>
  userError(ReviewErrorCode.TokenInvalid, 'This review link is not valid: it may have expired or been withdrawn', field);

export const reviewNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(ReviewErrorCode.ReviewNotFound, 'No review with this id exists in your organization', field);

export const suggestionNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(ReviewErrorCode.SuggestionNotFound, 'No suggestion with this id exists in your organization', field);

export const suggestionDecided = () => userError(ReviewErrorCode.SuggestionDecided, 'This suggestion was already approved or rejected', ['input', 'id']);

export const suggestionStale = () =>
  userError(
    ReviewErrorCode.SuggestionStale,
    'The section no longer contains the text the reviewer wanted to change: edit the document by hand or reject the suggestion',
    ['input', 'id'],
  );
