import { userError } from '@cellgraph/kernel';
import { documentErrorTexts } from '../messages.js';

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
  userError(ReviewErrorCode.TokenInvalid, documentErrorTexts.reviewLinkInvalid, field);

export const reviewNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(ReviewErrorCode.ReviewNotFound, documentErrorTexts.reviewNotFound, field);

export const suggestionNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(ReviewErrorCode.SuggestionNotFound, documentErrorTexts.suggestionNotFound, field);

export const suggestionDecided = () => userError(ReviewErrorCode.SuggestionDecided, documentErrorTexts.suggestionDecided, ['input', 'id']);

export const suggestionStale = () => userError(ReviewErrorCode.SuggestionStale, documentErrorTexts.suggestionStale, ['input', 'id']);
