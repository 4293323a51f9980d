import { ConnectionArgs, mutationPayload, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Document } from '../document/document.entity.js';
import type { DocumentsServices } from '../services.js';
import { DocumentEditSuggestion, DocumentReview } from './review.entity.js';
import {
  DocumentEditSuggestionConnection,
  DocumentReviewConnection,
  DocumentReviewPayload,
  DocumentReviewRevokeInput,
  DocumentSendInput,
  DocumentSendPayload,
  DocumentSuggestionApproveInput,
  DocumentSuggestionPayload,
  DocumentSuggestionRejectInput,
  DocumentSuggestionSubmitInput,
  DocumentSuggestionSubmitPayload,
  ReviewedDocument,
} from './review.inputs.js';

type Context = SubgraphContext<DocumentsServices>;

/** The owner's side of external review: sending, revoking, the reviews and suggestions of a document, decisions. */
@Resolver(() => Document)
export class DocumentReviewResolver {
  constructor(private readonly services: DocumentsServices) {}

  @Mutation(() => DocumentSendPayload, { nullable: true, description: 'E-mail a review link for a document to someone without an account.' })
  documentSend(@Arg('input', () => DocumentSendInput) input: DocumentSendInput, @Ctx() context: Context): Promise<DocumentSendPayload> {
    return mutationPayload(() => this.services.reviews.send(context.request, input));
  }

  @Mutation(() => DocumentReviewPayload, { nullable: true, description: 'Stop a review link from working.' })
  documentReviewRevoke(
    @Arg('input', () => DocumentReviewRevokeInput) input: DocumentReviewRevokeInput,
    @Ctx() context: Context,
  ): Promise<DocumentReviewPayload> {
    return mutationPayload(async () => ({ review: await this.services.reviews.revoke(context.request, input) }));
  }

  @Mutation(() => DocumentSuggestionPayload, { nullable: true, description: 'Apply a reviewer’s suggestion to the document.' })
  documentSuggestionApprove(
    @Arg('input', () => DocumentSuggestionApproveInput) input: DocumentSuggestionApproveInput,
    @Ctx() context: Context,
  ): Promise<DocumentSuggestionPayload> {
    return mutationPayload(() => this.services.reviews.approve(context.request, input));
  }

  @Mutation(() => DocumentSuggestionPayload, { nullable: true, description: 'Decline a reviewer’s suggestion, with notes.' })
  documentSuggestionReject(
    @Arg('input', () => DocumentSuggestionRejectInput) input: DocumentSuggestionRejectInput,
    @Ctx() context: Context,
  ): Promise<DocumentSuggestionPayload> {
    return mutationPayload(() => this.services.reviews.reject(context.request, input));
  }

  @FieldResolver(() => DocumentReviewConnection, { nullable: true, description: 'Review links sent for it, newest first (for those who may send it).' })
  reviews(@Root() document: Document, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<DocumentReview>> {
    return this.services.reviews.reviews(context.request, document, args);
  }

  @FieldResolver(() => DocumentEditSuggestionConnection, { nullable: true, description: 'Edits suggested by its external reviewers, newest first.' })
  suggestions(
    @Root() document: Document,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() context: Context,
  ): Promise<Connection<DocumentEditSuggestion>> {
    return this.services.reviews.suggestions(context.request, document, args);
  }
}

/**
 * The reviewer's side: public operations (no account) whose only input of authority is the review
 * token. They answer DOCUMENT_REVIEW_TOKEN_INVALID for any token that is not a live review's.
 */
@Resolver()
export class PublicReviewResolver {
  constructor(private readonly services: DocumentsServices) {}

  @Query(() => ReviewedDocument, { nullable: true, description: 'The document a review link shows (public: the token is the only credential).' })
  documentReview(@Arg('token') token: string, @Ctx() context: Context): Promise<ReviewedDocument> {
    return this.services.reviews.read(context.request, token);
  }

  @Mutation(() => DocumentSuggestionSubmitPayload, {
    nullable: true,
    description: 'Suggest an edit through a review link (public: the token is the only credential).',
  })
  documentSuggestionSubmit(
    @Arg('input', () => DocumentSuggestionSubmitInput) input: DocumentSuggestionSubmitInput,
    @Ctx() context: Context,
  ): Promise<DocumentSuggestionSubmitPayload> {
    return mutationPayload(async () => ({ suggestion: await this.services.reviews.submit(context.request, input) }));
  }
}
